package com.meterledger.api.payment;

/**
 * Reserve a receipt number of the sender's tenant for one offline payment before its top-up is sent, so one number
 * never pays two accounts; the receipt records the sender's actor as the staff member who took the money. Answered
 * with an {@code Optional<OfflineReceipt>}: empty when the number was free and is now claimed, else the receipt
 * already holding it. {@code method} is {@code CASH} or {@code BANK_TRANSFER}.
 */
public record ClaimReceiptNumber(String receiptNumber, String accountId, String unitId, String method,
                                 long amountMinor, String currency, Long purchaseSequence) {
    /** The top-up reference of this payment: the receipt number, prefixed so it never meets a Stripe id. */
    public String reference() {
        return OfflineReceipt.REFERENCE_PREFIX + receiptNumber;
    }
}
