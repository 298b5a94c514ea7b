package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

import java.time.Instant;

public record AccountCredited(AccountId accountId, Money amount, String reference, Money balanceAfter,
                              Instant creditedAt) {
}
