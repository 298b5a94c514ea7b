package com.meterledger.api.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;

import java.util.List;

/**
 * What one payment may be, in minor units of the tenant's currency, and the amounts the occupant's payment page
 * offers: a positive minimum not above the maximum, and one to six presets between them, ascending.
 * <p>
 * This is the one place an amount is judged against the limits ({@link #judge}): the account when it takes a payment
 * through Stripe, the cash desk and the occupant's page all ask it, so the three doors cannot drift apart (they did:
 * the desk and the page read the configured defaults while the account read the tenant's own settings).
 */
public record PaymentLimits(long minimumMinor, long maximumMinor, List<Long> presetsMinor) {
    /** A billion minor units (ten million yuan): beyond any prepaid top-up. */
    public static final long CEILING = 1_000_000_000L;
    public static final String RULE = "payment-limits-invalid";
    /** The stable rule code of an amount outside the limits, whichever door it came through. */
    public static final String AMOUNT_RULE = "payment-amount-out-of-limits";

    /** What the limits say of one amount. */
    public enum Verdict {
        WITHIN, BELOW_MINIMUM, ABOVE_MAXIMUM;

        public boolean allowed() {
            return this == WITHIN;
        }
    }

    public PaymentLimits {
        if (minimumMinor < 1 || minimumMinor > maximumMinor || maximumMinor > CEILING) {
            throw new FieldRejected("payments.maximumMinor", RULE, Reason.of("payment-limits-out-of-order",
                    "the minimum must be at least 1 and not above the maximum, the maximum at most " + CEILING, CEILING,
                    minimumMinor, maximumMinor));
        }
        presetsMinor = presetsMinor == null ? List.of() : List.copyOf(presetsMinor);
        if (presetsMinor.isEmpty() || presetsMinor.size() > 6) {
            throw new FieldRejected("payments.presetsMinor", RULE, Reason.of("payment-presets-count",
                    "one to six preset amounts", presetsMinor.size()));
        }
        long previous = 0;
        for (long preset : presetsMinor) {
            if (preset < minimumMinor || preset > maximumMinor || preset <= previous) {
                throw new FieldRejected("payments.presetsMinor", RULE, Reason.of("payment-preset-out-of-place",
                        "presets must lie between the minimum and the maximum, in ascending order, each once",
                        preset, minimumMinor, maximumMinor));
            }
            previous = preset;
        }
    }

    /** Whether one payment of {@code amountMinor} may be made. */
    public Verdict judge(long amountMinor) {
        if (amountMinor < minimumMinor) {
            return Verdict.BELOW_MINIMUM;
        }
        return amountMinor > maximumMinor ? Verdict.ABOVE_MAXIMUM : Verdict.WITHIN;
    }

    /** {@link #judge} for a command handler: a {@link RuleViolation} with {@link #AMOUNT_RULE} unless within. */
    public void require(long amountMinor) {
        if (!judge(amountMinor).allowed()) {
            throw new RuleViolation(AMOUNT_RULE, "a payment must be between " + minimumMinor + " and "
                    + maximumMinor + " minor units, not " + amountMinor, minimumMinor, maximumMinor, amountMinor);
        }
    }

    public static PaymentLimits standard() {
        return new PaymentLimits(100, 100_000, List.of(1_000L, 2_000L, 5_000L));
    }
}
