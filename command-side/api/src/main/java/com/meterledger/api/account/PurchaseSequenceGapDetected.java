package com.meterledger.api.account;

/** Anti-fraud: a top-up skipped purchase numbers; it was credited, and the gap is flagged for review. */
public record PurchaseSequenceGapDetected(AccountId accountId, long expected, long received) {
}
