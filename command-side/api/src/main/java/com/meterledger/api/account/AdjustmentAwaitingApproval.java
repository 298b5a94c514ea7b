package com.meterledger.api.account;

import com.meterledger.api.shared.Money;

public record AdjustmentAwaitingApproval(AccountId accountId, String adjustmentId, Money amount, String reason,
                                         String requestedBy, Money approvalLimit) {
}
