package com.meterledger.core.meter;

import com.meterledger.api.error.Reason;
import com.meterledger.api.meter.RejectionReason;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per time-of-use register consumption between the latest accepted reading's registers and a new reading's, once
 * {@link ReadingPolicy} accepted the new reading's total. Pure, like {@link ReadingPolicy}: the meter asks, then
 * records the reading with these deltas or rejects it with the reason.
 */
public final class RegisterDeltas {
    private RegisterDeltas() {
    }

    public sealed interface Verdict permits Deltas, Refused {
    }

    /** Consumption per register; empty when the reading has none to charge per register. */
    public record Deltas(SortedMap<String, BigDecimal> perRegister) implements Verdict {
    }

    /** @param specific which case of the reason, with the figures a reader in any language is told */
    public record Refused(RejectionReason reason, Reason specific) implements Verdict {
        /** The refusal in English, as the meter's history keeps it. */
        public String detail() {
            return specific.english();
        }
    }

    /**
     * Register values are read to a hundredth of a unit (DL/T 645 shows energy as XXXXXX.XX kWh), so each register's
     * delta may be off the true consumption by up to 0.01 and the sum of n registers' deltas by n x 0.01. Beyond that,
     * the registers and the total disagree: a total that rose 38.5 kWh while its registers rose 10 kWh was charged for
     * 10 kWh before this rule (issue 18).
     */
    static final BigDecimal ROUNDING_PER_REGISTER = new BigDecimal("0.01");

    /** The same, without the total's consumption to compare with (the rule below is then not applied). */
    public static Verdict between(Map<String, BigDecimal> previous, Map<String, BigDecimal> registers,
                                  BigDecimal rolloverAt) {
        return between(previous, registers, rolloverAt, null);
    }

    /**
     * None when either reading has no registers (a single-register meter, or the first time-of-use reading after one
     * without registers: it becomes the baseline, and only a negative register is refused). A register set different
     * from the previous reading's, or a register going backwards, is refused, except that a register below its last
     * value and inside {@code 0 .. rolloverAt} wrapped with the total at the declared rollover.
     *
     * When the total's consumption is given, the registers' deltas must add up to it within
     * {@link #ROUNDING_PER_REGISTER} per register, else the reading is refused as {@code REGISTERS_DISAGREE_WITH_TOTAL}.
     *
     * @param rolloverAt       the declared rollover the total wrapped at on its way to this reading, or null
     * @param totalConsumption the total register's consumption since the previous reading, as judged by
     *                         {@link ReadingPolicy}, or null
     */
    public static Verdict between(Map<String, BigDecimal> previous, Map<String, BigDecimal> registers,
                                  BigDecimal rolloverAt, BigDecimal totalConsumption) {
        if (registers.isEmpty() || previous.isEmpty()) {
            for (Map.Entry<String, BigDecimal> register : registers.entrySet()) {
                if (register.getValue() == null || register.getValue().signum() < 0) {
                    return new Refused(RejectionReason.REGISTER_WENT_BACKWARDS, Reason.of(
                            "reading-time-register-negative", "register " + register.getKey() + " is never negative",
                            register.getKey()));
                }
            }
            return new Deltas(new TreeMap<>());
        }
        if (!previous.keySet().equals(registers.keySet())) {
            String carried = new TreeMap<>(registers).keySet().toString();
            String before = new TreeMap<>(previous).keySet().toString();
            return new Refused(RejectionReason.REGISTERS_MISMATCH, Reason.of("reading-registers-not-the-previous",
                    "the reading carries registers " + carried + ", the previous one " + before, carried, before));
        }
        SortedMap<String, BigDecimal> deltas = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> register : registers.entrySet()) {
            BigDecimal last = previous.get(register.getKey());
            BigDecimal value = register.getValue();
            BigDecimal delta = value == null ? null : value.subtract(last);
            if (delta != null && delta.signum() < 0 && rolloverAt != null && value.signum() >= 0
                    && value.compareTo(rolloverAt) < 0) {
                // the total wrapped at the declared rollover: a register below its last wrapped with it
                delta = ReadingPolicy.acrossRollover(last, value, rolloverAt);
            }
            if (delta == null || delta.signum() < 0) {
                return new Refused(RejectionReason.REGISTER_WENT_BACKWARDS, Reason.of(
                        "reading-time-register-below-latest", "register " + register.getKey() + " " + value
                                + " is below the latest accepted " + last.toPlainString(),
                        register.getKey(), String.valueOf(value), last.toPlainString()));
            }
            deltas.put(register.getKey(), delta);
        }
        if (totalConsumption != null) {
            BigDecimal sum = deltas.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal tolerance = ROUNDING_PER_REGISTER.multiply(BigDecimal.valueOf(deltas.size()));
            if (sum.subtract(totalConsumption).abs().compareTo(tolerance) > 0) {
                return new Refused(RejectionReason.REGISTERS_DISAGREE_WITH_TOTAL, Reason.of(
                        "reading-registers-not-the-total", "the registers rose " + sum.toPlainString()
                                + " in all but the total rose " + totalConsumption.toPlainString()
                                + " (allowed difference " + tolerance.toPlainString() + ")",
                        sum.toPlainString(), totalConsumption.toPlainString(), tolerance.toPlainString()));
            }
        }
        return new Deltas(deltas);
    }
}
