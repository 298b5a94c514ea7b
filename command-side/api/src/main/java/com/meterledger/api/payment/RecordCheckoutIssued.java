package com.meterledger.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The Stripe Checkout Session for the payment exists; its id is the key the webhooks come back with. */
public record RecordCheckoutIssued(@TargetAggregateIdentifier PaymentId paymentId, String checkoutSessionId) {
}
