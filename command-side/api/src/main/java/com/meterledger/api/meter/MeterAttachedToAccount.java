package com.meterledger.api.meter;

import com.meterledger.api.account.AccountId;

import java.math.BigDecimal;
import java.time.Instant;

/** From this reading on, the meter's consumption is charged to the account. */
public record MeterAttachedToAccount(MeterId meterId, AccountId accountId, Instant readAt, BigDecimal openingRegister) {
}
