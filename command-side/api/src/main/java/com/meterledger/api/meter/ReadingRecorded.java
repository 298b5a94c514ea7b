package com.meterledger.api.meter;

import com.meterledger.api.account.AccountId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An accepted cumulative reading. {@code consumption} is the register delta since the previous reading (taken at
 * {@code previousReadAt}); {@code accountId} is the account the meter supplied at that moment, or null when none was
 * attached. {@code registers} are the time-of-use registers' values and {@code registerConsumption} their deltas
 * (both empty for a single-register reading, or when the previous reading carried no registers to compare with).
 */
public record ReadingRecorded(MeterId meterId, AccountId accountId, Instant previousReadAt, Instant readAt,
                              BigDecimal registerValue, BigDecimal consumption, Map<String, BigDecimal> registers,
                              Map<String, BigDecimal> registerConsumption) {
    public ReadingRecorded {
        registers = registers == null ? Map.of() : registers;
        registerConsumption = registerConsumption == null ? Map.of() : registerConsumption;
    }
}
