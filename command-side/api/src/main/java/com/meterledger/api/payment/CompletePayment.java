package com.meterledger.api.payment;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stripe says the checkout was paid. {@code paid} is what Stripe reports; it must equal the requested amount.
 * {@code method} is the payment method Stripe reports for the charge; card when Stripe names none.
 * Idempotent: a payment that already succeeded ignores it, so a redelivered webhook never credits twice.
 */
public record CompletePayment(@TargetAggregateIdentifier PaymentId paymentId, String checkoutSessionId,
                              String paymentIntentId, Money paid, PaymentMethod method) {
    public CompletePayment {
        FreeText.require("checkoutSessionId", checkoutSessionId, FreeText.OUTSIDE_ID);
        FreeText.require("paymentIntentId", paymentIntentId, FreeText.OUTSIDE_ID);
        method = method == null ? PaymentMethod.CARD : method;
    }

}
