package com.meterledger.api.meter;

import com.meterledger.api.account.AccountId;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An accepted cumulative reading. {@code consumption} is the register delta since the previous reading;
 * {@code accountId} is the account the meter supplied at that moment, or null when none was attached.
 */
public record ReadingRecorded(MeterId meterId, AccountId accountId, Instant readAt, BigDecimal registerValue,
                              BigDecimal consumption) {
}
