package com.meterledger.core.meter;

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

    public record Refused(RejectionReason reason, String detail) implements Verdict {
    }

    /**
     * None when either reading has no registers (a single-register meter, or the first time-of-use reading after one
     * without registers: it becomes the baseline, and only a negative register is refused). A register set different
     * from the previous reading's, or a register going backwards, is refused, except that a register below its last
     * value and inside {@code 0 .. rolloverAt} wrapped with the total at the declared rollover.
     *
     * @param rolloverAt the declared rollover the total wrapped at on its way to this reading, or null
     */
    public static Verdict between(Map<String, BigDecimal> previous, Map<String, BigDecimal> registers,
                                  BigDecimal rolloverAt) {
        if (registers.isEmpty() || previous.isEmpty()) {
            for (Map.Entry<String, BigDecimal> register : registers.entrySet()) {
                if (register.getValue() == null || register.getValue().signum() < 0) {
                    return new Refused(RejectionReason.REGISTER_WENT_BACKWARDS,
                            "register " + register.getKey() + " is never negative");
                }
            }
            return new Deltas(new TreeMap<>());
        }
        if (!previous.keySet().equals(registers.keySet())) {
            return new Refused(RejectionReason.REGISTERS_MISMATCH, "the reading carries registers "
                    + new TreeMap<>(registers).keySet() + ", the previous one " + new TreeMap<>(previous).keySet());
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
                return new Refused(RejectionReason.REGISTER_WENT_BACKWARDS, "register " + register.getKey() + " "
                        + value + " is below the latest accepted " + last.toPlainString());
            }
            deltas.put(register.getKey(), delta);
        }
        return new Deltas(deltas);
    }
}
