package com.meterledger.gateway.payment;

/** The tenant cannot take online payments yet: no connected Stripe account, or its onboarding is not finished. */
public class PaymentsNotReady extends RuntimeException {
    public PaymentsNotReady(String message) {
        super(message);
    }
}
