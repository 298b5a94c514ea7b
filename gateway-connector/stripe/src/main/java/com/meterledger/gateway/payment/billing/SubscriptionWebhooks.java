package com.meterledger.gateway.payment.billing;

import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.payment.StripeWebhookProcessor.Outcome;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The subscription and invoice events of the platform's own Stripe account, as they come out of the durable webhook
 * inbox (which hands each event id over once): the tenant is found through the customer we made for it, never through
 * metadata; an event about a customer we never made changes nothing and says so.
 */
public class SubscriptionWebhooks {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionWebhooks.class);
    private final Subscriptions subscriptions;
    private final SubscriptionBilling billing;

    public SubscriptionWebhooks(Subscriptions subscriptions, SubscriptionBilling billing) {
        this.subscriptions = subscriptions;
        this.billing = billing;
    }

    /** {@code customer.subscription.created/updated/deleted/trial_will_end}; null object: the type's wrong shape. */
    public Outcome subscription(Event event, Subscription subscription) {
        Optional<TenantId> tenant = subscription == null ? Optional.empty()
                : subscriptions.tenantOf(subscription.getCustomer());
        if (tenant.isEmpty()) {
            return unknown(event, subscription == null ? null : subscription.getCustomer());
        }
        Instant eventAt = Instant.ofEpochSecond(event.getCreated());
        Instant trialEnd = subscription.getTrialEnd() == null ? null : Instant.ofEpochSecond(subscription.getTrialEnd());
        if (event.getType().endsWith("trial_will_end")) {
            billing.trialWillEnd(tenant.get(), subscription.getId(), subscription.getStatus(), trialEnd, eventAt);
            return Outcome.APPLIED;
        }
        SubscriptionBilling.Applied applied = billing.subscription(tenant.get(), subscription.getId(),
                priceOf(subscription), subscription.getStatus(), trialEnd, event.getType().endsWith("deleted"),
                eventAt);
        return applied == SubscriptionBilling.Applied.STALE ? Outcome.DUPLICATE : Outcome.APPLIED;
    }

    /** {@code invoice.paid} and {@code invoice.payment_failed}. */
    public Outcome invoice(Event event, Invoice invoice) {
        Optional<TenantId> tenant = invoice == null ? Optional.empty() : subscriptions.tenantOf(invoice.getCustomer());
        if (tenant.isEmpty()) {
            return unknown(event, invoice == null ? null : invoice.getCustomer());
        }
        Instant at = Instant.ofEpochSecond(event.getCreated());
        String currency = invoice.getCurrency() == null ? null : invoice.getCurrency().toUpperCase(Locale.ROOT);
        if ("invoice.paid".equals(event.getType())) {
            billing.invoicePaid(tenant.get(), invoice.getId(), nonNull(invoice.getAmountPaid()), currency, at);
        } else {
            billing.invoiceFailed(tenant.get(), invoice.getId(), nonNull(invoice.getAmountDue()), currency, at);
        }
        return Outcome.APPLIED;
    }

    private static String priceOf(Subscription subscription) {
        if (subscription.getItems() == null || subscription.getItems().getData() == null) {
            return null;
        }
        return subscription.getItems().getData().stream().map(SubscriptionItem::getPrice)
                .filter(price -> price != null && price.getId() != null).map(price -> price.getId()).findFirst()
                .orElse(null);
    }

    private static long nonNull(Long value) {
        return value == null ? 0 : value;
    }

    private static Outcome unknown(Event event, String customer) {
        log.info("stripe event {} ({}) names customer {}, which the platform never made for a tenant: acknowledged, "
                + "nothing stored or changed", event.getId(), event.getType(), customer);
        return Outcome.UNKNOWN_OBJECT;
    }
}
