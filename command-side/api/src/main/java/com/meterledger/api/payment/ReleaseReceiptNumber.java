package com.meterledger.api.payment;

/** Give up a claim whose top-up was refused, so the number stays free; a credited receipt is never released. */
public record ReleaseReceiptNumber(String receiptNumber) {
}
