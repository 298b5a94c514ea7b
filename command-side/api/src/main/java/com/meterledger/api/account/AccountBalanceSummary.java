package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

import java.time.Instant;

/** An account's balance in its currency, and when its meter was last read (null before the first reading). */
public record AccountBalanceSummary(AccountId accountId, Money balance, Instant lastReadAt) {
}
