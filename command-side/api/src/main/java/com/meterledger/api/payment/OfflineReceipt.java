package com.meterledger.api.payment;

import java.time.Instant;

/**
 * The receipt of a cash-desk or bank-transfer payment, under its receipt number (unique in its tenant). Claimed before
 * its top-up is sent; {@code creditedAt} and {@code balanceAfterMinor} are null until the account is credited.
 * {@code method} is {@code CASH} or {@code BANK_TRANSFER}; {@code recordedBy} the staff member who took the money.
 */
public record OfflineReceipt(String tenant, String receiptNumber, String accountId, String unitId, String method,
                             long amountMinor, String currency, Long purchaseSequence, String recordedBy,
                             Instant recordedAt, Instant creditedAt, Long balanceAfterMinor) {
    /** The top-up reference of an offline payment: the receipt number, prefixed so it never meets a Stripe id. */
    public static final String REFERENCE_PREFIX = "receipt:";

    /** Whether this receipt is for the payment the claim asks for: same account, method, amount and currency. */
    public boolean sameRequestAs(ClaimReceiptNumber claim) {
        return accountId.equals(claim.accountId()) && method.equals(claim.method())
                && amountMinor == claim.amountMinor() && currency.equals(claim.currency());
    }

    public boolean credited() {
        return creditedAt != null;
    }
}
