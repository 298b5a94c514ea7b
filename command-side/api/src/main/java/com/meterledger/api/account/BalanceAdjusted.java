package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

/** The adjustment is applied; {@code approvedBy} is null when it was within the requester's own limit. */
public record BalanceAdjusted(AccountId accountId, String adjustmentId, Money amount, String reason,
                              String requestedBy, String approvedBy, Money balanceAfter) implements MoneyMovement {
}
