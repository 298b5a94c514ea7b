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

    /**
     * The method of a Stripe {@code payment_method_details.type}. We only ever offer these three, so any other type
     * Stripe could report for our sessions is card-based (Link, a wallet holding a card): card.
     */
    public static PaymentMethod ofStripeType(String type) {
        for (PaymentMethod method : values()) {
            if (method.stripeType.equals(type)) {
                return method;
            }
        }
        return CARD;
    }
}
