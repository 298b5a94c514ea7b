package com.meterledger.api.payment;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which payment methods a one-time top-up may offer on Stripe Checkout: card always; WeChat Pay and Alipay only when
 * the landlord chose them and Stripe takes the account's currency for them. The lists are Stripe's presentment
 * currencies for the two methods (docs.stripe.com, "WeChat Pay" and "Alipay", "Supported currencies"); Stripe narrows
 * them further by the connected account's country, and refuses the session then, which Checkout reports as the
 * provider's refusal. Both are one-time methods only: this product never saves them for later charges.
 */
public final class PaymentMethodOffer {
    /** The stable rule code when a chosen method is not offered for the account's currency. */
    public static final String CURRENCY_RULE = "payment-method-currency-not-supported";

    private static final Map<PaymentMethod, Set<String>> CURRENCIES = Map.of(
            PaymentMethod.WECHAT_PAY, Set.of("CNY", "AUD", "CAD", "EUR", "GBP", "HKD", "JPY", "SGD", "USD", "DKK",
                    "NOK", "SEK", "CHF"),
            PaymentMethod.ALIPAY, Set.of("CNY", "AUD", "CAD", "EUR", "GBP", "HKD", "JPY", "MYR", "NZD", "SGD",
                    "USD"));

    private PaymentMethodOffer() {
    }

    /** What the rule says of one method for one currency. */
    public enum Verdict {
        OFFERED, NOT_CHOSEN, CURRENCY_NOT_SUPPORTED;

        public boolean offered() {
            return this == OFFERED;
        }
    }

    /** Whether {@code method} is offered to an account in {@code currency} of a landlord who chose {@code chosen}. */
    public static Verdict judge(PaymentMethod method, Set<PaymentMethod> chosen, Currency currency) {
        if (method == PaymentMethod.CARD) {
            return Verdict.OFFERED;
        }
        if (!chosen.contains(method)) {
            return Verdict.NOT_CHOSEN;
        }
        return CURRENCIES.get(method).contains(currency.getCurrencyCode()) ? Verdict.OFFERED
                : Verdict.CURRENCY_NOT_SUPPORTED;
    }

    /** Every method offered, card first, in the enum's order. */
    public static List<PaymentMethod> offered(Set<PaymentMethod> chosen, Currency currency) {
        List<PaymentMethod> offered = new ArrayList<>();
        for (PaymentMethod method : PaymentMethod.values()) {
            if (judge(method, chosen, currency).offered()) {
                offered.add(method);
            }
        }
        return offered;
    }
}
