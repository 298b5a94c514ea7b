package com.meterledger.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The checkout ended without money: {@code expired} (the session lapsed) or failed (the payment was declined). */
public record FailPayment(@TargetAggregateIdentifier PaymentId paymentId, boolean expired, String reason) {
}
