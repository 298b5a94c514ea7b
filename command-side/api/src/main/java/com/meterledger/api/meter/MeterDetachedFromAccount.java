package com.meterledger.api.meter;

import com.meterledger.api.account.AccountId;

import java.math.BigDecimal;
import java.time.Instant;

/** Move-out: from this reading on, the meter's consumption is no longer charged to the account. */
public record MeterDetachedFromAccount(MeterId meterId, AccountId accountId, Instant readAt, BigDecimal finalRegister) {
}
