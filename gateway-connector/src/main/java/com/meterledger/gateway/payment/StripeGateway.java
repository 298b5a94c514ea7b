package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.shared.Money;

/** The port to the payment provider: what the payment side needs from Stripe, in our words. */
public interface StripeGateway {
    CheckoutSession createCheckoutSession(CheckoutRequest request);

    record CheckoutRequest(PaymentId paymentId, AccountId accountId, Money amount, String description) {
    }

    record CheckoutSession(String id, String url) {
    }

    /** The provider could not be reached or refused the call; nothing was charged. */
    class StripeUnavailable extends RuntimeException {
        public StripeUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
