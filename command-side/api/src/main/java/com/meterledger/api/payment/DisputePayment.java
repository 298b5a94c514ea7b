package com.meterledger.api.payment;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stripe opened dispute {@code disputeId} over {@code amount} of the payment and withdrew the funds: the credit is
 * reversed (never below what the payment still holds on the account). Idempotent per dispute id.
 */
public record DisputePayment(@TargetAggregateIdentifier PaymentId paymentId, String disputeId, Money amount,
                             String reason) {
    public DisputePayment {
        FreeText.require("disputeId", disputeId, FreeText.OUTSIDE_ID);
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
