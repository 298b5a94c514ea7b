package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.payment.PaymentMethodOffer;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;

import java.time.Instant;
import java.util.List;

/** The port to the payment provider: what the payment side needs from Stripe, in our words. */
public interface StripeGateway {
    /** A Checkout Session on the landlord's connected account (a direct charge), the platform's fee on top. */
    CheckoutSession createCheckoutSession(CheckoutRequest request);

    /** Creates the tenant's connected account (idempotent per tenant at Stripe). */
    ConnectedAccount createConnectedAccount(TenantId tenant);

    /** A one-time onboarding link for the connected account; Stripe sends the landlord back to returnUrl. */
    OnboardingLink createOnboardingLink(String connectedAccountId, String refreshUrl, String returnUrl);

    ConnectedAccount retrieveAccount(String connectedAccountId);

    /**
     * How a paid payment intent on the connected account was paid: its latest charge's
     * {@code payment_method_details.type}. A Checkout Session names only the methods it offered, not the one used.
     */
    PaymentMethod paidWith(String connectedAccountId, String paymentIntentId);

    /** Every balance transaction of the connected account created in [from, to), all pages. */
    List<BalanceLine> balanceTransactions(String connectedAccountId, Instant from, Instant to);

    /** Every payout of the connected account created in [from, to), all pages. */
    List<PayoutLine> payouts(String connectedAccountId, Instant from, Instant to);

    /**
     * The platform's own customer for a tenant, on the platform's account (not a connected one); idempotent per tenant
     * at Stripe. Our mapping customer → tenant is what every subscription and invoice webhook is resolved through.
     */
    String createBillingCustomer(TenantId tenant);

    /** A Checkout Session in subscription mode for the customer: the plan's price, with a free trial of trialDays. */
    CheckoutSession createSubscriptionCheckout(SubscriptionCheckoutRequest request);

    /** A Customer Portal session (card, plan, invoices) for the customer; Stripe sends the person back to returnUrl. */
    String createPortalSession(String customerId, String returnUrl);

    /** One Billing Meter event; Stripe keeps one event per identifier, so a repeated report counts once. */
    void reportMeterEvent(String eventName, String customerId, long value, String identifier, Instant at);

    /**
     * Cancels the subscription at once (no proration, no final invoice): the tenant closed, so the platform stops
     * billing it. Stripe then sends {@code customer.subscription.deleted} as it does for a cancellation in the Portal.
     *
     * @return the subscription's status as Stripe answers it ({@code canceled})
     */
    String cancelSubscription(String subscriptionId);

    record SubscriptionCheckoutRequest(TenantId tenant, String customerId, String priceId, long trialDays,
                                       String successUrl, String cancelUrl, String attempt) {
    }

    /** {@code methods}: what Checkout offers the payer, card first ({@link PaymentMethodOffer}). */
    record CheckoutRequest(PaymentId paymentId, AccountId accountId, Money amount, String description,
                           String connectedAccountId, long applicationFeeMinor, List<PaymentMethod> methods) {
        public CheckoutRequest {
            methods = methods == null || methods.isEmpty() ? List.of(PaymentMethod.CARD) : List.copyOf(methods);
        }

        /** Card only. */
        public CheckoutRequest(PaymentId paymentId, AccountId accountId, Money amount, String description,
                               String connectedAccountId, long applicationFeeMinor) {
            this(paymentId, accountId, amount, description, connectedAccountId, applicationFeeMinor, null);
        }
    }

    record CheckoutSession(String id, String url) {
    }

    record ConnectedAccount(String id, boolean chargesEnabled, boolean payoutsEnabled, boolean detailsSubmitted) {
    }

    record OnboardingLink(String url, Instant expiresAt) {
    }

    /**
     * One balance transaction: {@code amount} and {@code fee} signed as Stripe reports them, {@code applicationFee}
     * the platform's part of the fee, {@code paymentIntentId} of the charge, refund or dispute behind it (null for
     * payouts and others).
     */
    record BalanceLine(String id, String type, long amount, long fee, long applicationFee, String currency,
                       String sourceId, String paymentIntentId, Instant created) {
    }

    record PayoutLine(String id, long amount, String currency, String status, Instant created) {
    }

    /** The provider could not be reached or refused the call; nothing was charged. */
    class StripeUnavailable extends RuntimeException {
        public StripeUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
