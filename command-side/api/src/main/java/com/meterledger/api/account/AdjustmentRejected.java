package com.meterledger.api.account;

public record AdjustmentRejected(AccountId accountId, String adjustmentId, String rejectedBy, String note) {
}
