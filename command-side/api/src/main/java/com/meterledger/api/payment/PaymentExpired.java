package com.meterledger.api.payment;

public record PaymentExpired(PaymentId paymentId) {
}
