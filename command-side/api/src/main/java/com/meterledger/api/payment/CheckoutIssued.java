package com.meterledger.api.payment;

public record CheckoutIssued(PaymentId paymentId, String checkoutSessionId) {
}
