package com.meterledger.core.payment;

public enum PaymentStatus {
    REQUESTED, CHECKOUT_ISSUED, SUCCEEDED, FAILED, EXPIRED, PARTIALLY_REFUNDED, REFUNDED
}
