package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

import java.time.Instant;

/** A top-up landed. {@code purchaseSequence} is null for channels without purchase numbers. */
public record AccountCredited(AccountId accountId, Money amount, String reference, Long purchaseSequence,
                              Money balanceAfter, Instant creditedAt) implements MoneyMovement {
}
