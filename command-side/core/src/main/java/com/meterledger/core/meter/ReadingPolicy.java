package com.meterledger.core.meter;

import com.meterledger.api.error.Reason;
import com.meterledger.api.meter.RejectionReason;
import com.meterledger.api.shared.Utility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides what a new cumulative reading means against the latest accepted one. Pure: no clock of its own,
 * no storage.
 */
public final class ReadingPolicy {
    /** How far ahead of our clock a meter's clock may run before its readings are refused. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private ReadingPolicy() {
    }

    public sealed interface Verdict permits Accept, Duplicate, Reject {
    }

    /** @param rolledOver the register wrapped at a declared rollover on its way to this reading */
    public record Accept(BigDecimal consumption, boolean rolledOver) implements Verdict {
        public Accept(BigDecimal consumption) {
            this(consumption, false);
        }
    }

    public record Duplicate() implements Verdict {
    }

    /**
     * @param reason   the rejection's stable code, recorded in the meter's history
     * @param specific which case of it, with the figures a reader in any language is told
     */
    public record Reject(RejectionReason reason, Reason specific) implements Verdict {
        /** The rejection in English, as the meter's history keeps it. */
        public String detail() {
            return specific.english();
        }
    }

    /**
     * @param previousAt    moment of the latest accepted reading, or null for a meter's first reading
     * @param previousValue its register value, or null for a meter's first reading
     * @param knownValueAt  the value accepted earlier at exactly {@code readAt}, or null if none is remembered
     */
    public static Verdict judge(Utility utility, Instant previousAt, BigDecimal previousValue, BigDecimal knownValueAt,
                                Instant readAt, BigDecimal value, Instant now) {
        return judge(utility, previousAt, previousValue, knownValueAt, readAt, value, now, null);
    }

    /**
     * @param rolloverAt a declared rollover (the register's capacity: its maximum plus its resolution), or null: a
     *                   value below the previous one then wraps, consumption = (rolloverAt - previous) + value,
     *                   still subject to the plausibility ceiling
     */
    public static Verdict judge(Utility utility, Instant previousAt, BigDecimal previousValue, BigDecimal knownValueAt,
                                Instant readAt, BigDecimal value, Instant now, BigDecimal rolloverAt) {
        if (knownValueAt != null) {
            return knownValueAt.compareTo(value) == 0
                    ? new Duplicate()
                    : new Reject(RejectionReason.OUT_OF_ORDER, Reason.of("reading-other-value-at-moment",
                    "a different register value (" + knownValueAt.toPlainString() + ") was already accepted for " + readAt,
                    knownValueAt.toPlainString(), readAt));
        }
        if (readAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return new Reject(RejectionReason.FROM_THE_FUTURE, Reason.of("reading-ahead-of-clock",
                    "read at " + readAt + ", more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of " + now,
                    readAt, MAX_CLOCK_SKEW.toMinutes(), now));
        }
        if (previousAt == null) {
            return value.signum() < 0
                    ? new Reject(RejectionReason.REGISTER_WENT_BACKWARDS,
                    Reason.of("reading-register-negative", "a register is never negative"))
                    : new Accept(BigDecimal.ZERO);
        }
        if (!readAt.isAfter(previousAt)) {
            return new Reject(RejectionReason.OUT_OF_ORDER, Reason.of("reading-not-after-latest",
                    "read at " + readAt + ", not after the latest accepted reading at " + previousAt, readAt, previousAt));
        }
        BigDecimal consumption = value.subtract(previousValue);
        boolean rolledOver = false;
        if (consumption.signum() < 0) {
            if (rolloverAt == null) {
                return new Reject(RejectionReason.REGISTER_WENT_BACKWARDS, Reason.of("reading-register-below-latest",
                        "register " + value.toPlainString() + " is below the latest accepted " + previousValue.toPlainString(),
                        value.toPlainString(), previousValue.toPlainString()));
            }
            if (value.signum() < 0 || value.compareTo(rolloverAt) >= 0) {
                return new Reject(RejectionReason.REGISTER_WENT_BACKWARDS, Reason.of("reading-register-outside-range",
                        "register " + value.toPlainString() + " is outside the declared register range 0 to "
                                + rolloverAt.toPlainString(), value.toPlainString(), rolloverAt.toPlainString()));
            }
            consumption = acrossRollover(previousValue, value, rolloverAt);
            rolledOver = true;
        }
        BigDecimal ceiling = plausibleCeiling(utility, Duration.between(previousAt, readAt));
        if (consumption.compareTo(ceiling) > 0) {
            return new Reject(RejectionReason.IMPLAUSIBLE_JUMP, Reason.of("reading-consumption-implausible",
                    "consumption " + consumption.toPlainString() + " " + utility.registerUnit() + " exceeds the plausible "
                            + ceiling.toPlainString() + " " + utility.registerUnit() + " for the elapsed time",
                    consumption.toPlainString(), ceiling.toPlainString(), utility.registerUnit()));
        }
        return new Accept(consumption, rolledOver);
    }

    /** Consumption of a register that wrapped at {@code rolloverAt} between {@code previous} and {@code value}. */
    public static BigDecimal acrossRollover(BigDecimal previous, BigDecimal value, BigDecimal rolloverAt) {
        return rolloverAt.subtract(previous).add(value);
    }

    /**
     * The most a single supply can physically draw: about 250 kWh per hour for a large three-phase connection,
     * 25 m3 per hour for a large water connection; never less than one hour's worth.
     */
    static BigDecimal plausibleCeiling(Utility utility, Duration elapsed) {
        BigDecimal perHour = switch (utility) {
            case ELECTRICITY -> BigDecimal.valueOf(250);
            case WATER -> BigDecimal.valueOf(25);
        };
        long seconds = Math.max(elapsed.toSeconds(), Duration.ofHours(1).toSeconds());
        return perHour.multiply(BigDecimal.valueOf(seconds)).divide(BigDecimal.valueOf(3600), 3, RoundingMode.DOWN);
    }
}
