package com.meterledger.api.payment;

/**
 * How an occupant may pay a one-time top-up on Stripe Checkout; {@code stripeType} is Stripe's
 * {@code payment_method_types} value. Card is always offered; the others only where {@link PaymentMethodOffer} says.
 */
public enum PaymentMethod {
    CARD("card"),
    WECHAT_PAY("wechat_pay"),
    ALIPAY("alipay");

    private final String stripeType;

    PaymentMethod(String stripeType) {
        this.stripeType = stripeType;
    }

    public String stripeType() {
        return stripeType;
    }
}
