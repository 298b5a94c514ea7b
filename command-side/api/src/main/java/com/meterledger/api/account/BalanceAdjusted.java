package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

/**
 * The adjustment is applied; {@code approvedBy} is null when it was within the requester's own limit.
 * {@code approvalNote} is the second person's note (null without one, and in events stored before it existed: an
 * added field, no upcaster needed).
 */
public record BalanceAdjusted(AccountId accountId, String adjustmentId, Money amount, String reason,
                              String requestedBy, String approvedBy, Money balanceAfter, String approvalNote)
        implements MoneyMovement {
    /** An adjustment without a second person's note (within the limit, or approved without one). */
    public BalanceAdjusted(AccountId accountId, String adjustmentId, Money amount, String reason, String requestedBy,
                           String approvedBy, Money balanceAfter) {
        this(accountId, adjustmentId, amount, reason, requestedBy, approvedBy, balanceAfter, null);
    }
}
