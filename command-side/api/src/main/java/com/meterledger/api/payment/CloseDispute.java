package com.meterledger.api.payment;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stripe closed dispute {@code disputeId}: {@code won} restores the credit its opening reversed, lost keeps it
 * reversed. {@code amount} is the disputed amount, so a close that arrives before the opening is applied as both.
 * Idempotent: a closed dispute ignores further closes.
 */
public record CloseDispute(@TargetAggregateIdentifier PaymentId paymentId, String disputeId, Money amount,
                           boolean won) {
    public CloseDispute {
        FreeText.require("disputeId", disputeId, FreeText.OUTSIDE_ID);
    }
}
