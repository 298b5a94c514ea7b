package com.meterledger.gateway.payment.billing;

import com.meterledger.api.tenant.TenantStatus;

/**
 * Which life-cycle step of the tenant a billing fact from Stripe asks for. Pure. The tenant's own aggregate then judges
 * the step ({@code TenantLifecycle}); this only translates Stripe's words into ours and says why.
 */
public final class BillingTransitions {
    private BillingTransitions() {
    }

    public sealed interface Verdict permits Become, Unchanged {
    }

    /** The tenant should become {@code status}, for {@code reason} (kept in the tenant's event). */
    public record Become(TenantStatus status, String reason) implements Verdict {
    }

    /** The fact changes no state; {@code reason} says why (logged). */
    public record Unchanged(String reason) implements Verdict {
    }

    /**
     * A subscription's status as Stripe reports it ({@code customer.subscription.created/updated/deleted}).
     * {@code unpaid} stays past due: suspension is the platform's decision, by its own grace period, not Stripe's
     * retry schedule. {@code paused} is a trial that ended without a card: staff writes stop until one is given.
     */
    public static Verdict subscription(String subscriptionId, String stripeStatus, boolean deleted) {
        if (deleted) {
            return new Become(TenantStatus.CANCELLED, "subscription " + subscriptionId + " ended");
        }
        return switch (stripeStatus == null ? "" : stripeStatus) {
            case "trialing" -> new Become(TenantStatus.TRIALING, "subscription " + subscriptionId + " is in its trial");
            case "active" -> new Become(TenantStatus.ACTIVE, "subscription " + subscriptionId + " is active");
            case "past_due", "unpaid" -> new Become(TenantStatus.PAST_DUE, "subscription " + subscriptionId
                    + " is " + stripeStatus);
            case "paused" -> new Become(TenantStatus.SUSPENDED, "subscription " + subscriptionId
                    + " paused: the trial ended without a payment method");
            case "canceled", "incomplete_expired" -> new Become(TenantStatus.CANCELLED, "subscription "
                    + subscriptionId + " is " + stripeStatus);
            default -> new Unchanged("subscription " + subscriptionId + " is " + stripeStatus
                    + ": waits for its first payment");
        };
    }

    /**
     * An invoice was paid. A zero invoice (the one Stripe makes when a trial starts, or a fully discounted one) changes
     * no state: Stripe does not order its events, so judging it by the subscription's status as last seen made a
     * trial's zero invoice, handled before the subscription's own "created" event, turn a trial into "active" (seen in
     * a CI run). The subscription's status event says what such a tenant is.
     */
    public static Verdict invoicePaid(String invoiceId, long amountPaidMinor) {
        if (amountPaidMinor == 0) {
            return new Unchanged("invoice " + invoiceId + " is a zero invoice: the subscription's status decides");
        }
        return new Become(TenantStatus.ACTIVE, "invoice " + invoiceId + " paid");
    }

    /** An invoice's payment failed: past due, and the platform's grace period starts (if none runs yet). */
    public static Verdict invoiceFailed(String invoiceId) {
        return new Become(TenantStatus.PAST_DUE, "invoice " + invoiceId + " payment failed");
    }
}
