package com.meterledger.api.payment;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stripe reports {@code refundedTotal} refunded so far on the payment (cumulative, as Stripe's {@code amount_refunded}).
 * Only the part not yet reversed is reversed, so redelivered or reordered refund events reverse each cent once.
 */
public record RefundPayment(@TargetAggregateIdentifier PaymentId paymentId, Money refundedTotal, String stripeReference) {
    public RefundPayment {
        FreeText.require("stripeReference", stripeReference, FreeText.OUTSIDE_ID);
    }
}
