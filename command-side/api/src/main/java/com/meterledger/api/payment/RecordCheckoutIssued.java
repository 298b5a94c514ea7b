package com.meterledger.api.payment;

import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The Stripe Checkout Session for the payment exists; its id is the key the webhooks come back with. */
public record RecordCheckoutIssued(@TargetAggregateIdentifier PaymentId paymentId, String checkoutSessionId) {
    public RecordCheckoutIssued {
        FreeText.require("checkoutSessionId", checkoutSessionId, FreeText.OUTSIDE_ID);
    }
}
