package com.meterledger.api.payment;

public record PaymentFailed(PaymentId paymentId, String reason) {
}
