package com.meterledger.api.meter;

import com.meterledger.api.account.AccountId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * From this reading on, the meter's consumption is charged to the account. {@code openingRegisters} are the
 * time-of-use registers' opening values (empty for a single-register meter).
 */
public record MeterAttachedToAccount(MeterId meterId, AccountId accountId, Instant readAt, BigDecimal openingRegister,
                                     Map<String, BigDecimal> openingRegisters) {
    public MeterAttachedToAccount {
        openingRegisters = openingRegisters == null ? Map.of() : openingRegisters;
    }
}
