package com.meterledger.core.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Consumption between two readings: used from {@code from} (the previous reading) until {@code to} (this reading).
 * Either a single total, or one delta per time-of-use register (then {@code quantity} is their sum). Never negative.
 */
public record ConsumptionDelta(Instant from, Instant to, BigDecimal quantity, SortedMap<String, BigDecimal> registers) {
    public ConsumptionDelta {
        if (from == null || to == null || quantity == null) {
            throw new IllegalArgumentException("from, to and quantity are required");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a reading interval cannot end (" + to + ") before it starts (" + from + ")");
        }
        if (quantity.signum() < 0) {
            throw new IllegalArgumentException("consumption is never negative");
        }
        TreeMap<String, BigDecimal> copy = new TreeMap<>(registers == null ? Map.of() : registers);
        if (!copy.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal value : copy.values()) {
                if (value == null || value.signum() < 0) {
                    throw new IllegalArgumentException("a register delta is never negative");
                }
                sum = sum.add(value);
            }
            if (sum.compareTo(quantity) != 0) {
                throw new IllegalArgumentException("the total must equal the sum of the register deltas");
            }
        }
        registers = Collections.unmodifiableSortedMap(copy);
    }

    /** A single-register delta (flat or tiered tariffs). */
    public static ConsumptionDelta total(Instant from, Instant to, BigDecimal quantity) {
        return new ConsumptionDelta(from, to, quantity, null);
    }

    /** Per-register deltas of a time-of-use meter, e.g. {@code {peak=3.2, valley=7.9}}. */
    public static ConsumptionDelta perRegister(Instant from, Instant to, Map<String, BigDecimal> registers) {
        if (registers == null || registers.isEmpty()) {
            throw new IllegalArgumentException("at least one register delta is required");
        }
        BigDecimal sum = registers.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ConsumptionDelta(from, to, sum, new TreeMap<>(registers));
    }
}
