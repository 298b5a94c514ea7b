package com.meterledger.api.payment;

import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The checkout ended without money: {@code expired} (the session lapsed) or failed (the payment was declined). */
public record FailPayment(@TargetAggregateIdentifier PaymentId paymentId, boolean expired, String reason) {
    public FailPayment {
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
