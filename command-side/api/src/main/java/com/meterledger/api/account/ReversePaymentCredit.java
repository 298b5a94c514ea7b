package com.meterledger.api.account;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes back money a payment credited (a Stripe refund or dispute; {@code reason} says which). Unlike a balance refund
 * it may take the balance below zero, because the money has already left; a balance driven to the cut-off level is
 * depleted like any other. Sent by the payment process only for a reversal the payment found new.
 */
public record ReversePaymentCredit(@TargetAggregateIdentifier AccountId accountId, Money amount, String reason) {
    public ReversePaymentCredit {
        FreeText.require("reason", reason, FreeText.TEXT);
    }
}
