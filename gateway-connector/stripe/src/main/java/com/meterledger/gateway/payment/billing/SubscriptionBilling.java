package com.meterledger.gateway.payment.billing;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.CountActiveMeters;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.gateway.payment.StripeGateway;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import com.meterledger.api.tenant.FindMeterAllowance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform's subscription billing of its tenants on Stripe Billing (the platform's own Stripe account): a tenant
 * administrator subscribes to a plan through Checkout and manages card, plan and invoices in the Customer Portal;
 * Stripe's subscription and invoice facts move the tenant along its life cycle; a failed invoice starts the platform's
 * grace period, after which the tenant is suspended; every day each subscribed tenant's active meters are reported to
 * Stripe's billing meter. Whatever happens here, occupants are never affected: only staff writes stop.
 */
public class SubscriptionBilling {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionBilling.class);
    /** The actor of the tenant steps the platform's billing takes by itself (the grace period's end). */
    static final String PLATFORM_ACTOR = "platform-billing";
    public static final String RULE_PLAN_UNKNOWN = "billing-plan-unknown";
    public static final String RULE_PLAN_TOO_SMALL = "billing-plan-limit-below-active-meters";
    public static final String RULE_NO_CUSTOMER = "billing-not-subscribed";

    private final StripeGateway stripe;
    private final Subscriptions subscriptions;
    private final BillingProperties properties;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public SubscriptionBilling(StripeGateway stripe, Subscriptions subscriptions, BillingProperties properties,
                               CommandGateway commands, QueryGateway queries, Clock clock) {
        this.stripe = stripe;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    /** A plan as the billing page and API show it. */
    public record PlanOffer(String code, long meterLimit, long trialDays, String currency,
                            List<BillingProperties.Tier> tiers) {
    }

    /** The tenant's billing now: its plan and Stripe's status, the trial's end, the last invoice, the meters. */
    public record BillingState(String plan, String subscriptionStatus, Instant trialEnd, String lastInvoiceId,
                               String lastInvoiceStatus, Long lastInvoiceMinor, String lastInvoiceCurrency,
                               Instant lastInvoiceAt, Instant graceUntil, long activeMeters, Long meterLimit,
                               boolean subscribed, List<PlanOffer> plans) {
    }

    public List<PlanOffer> plans() {
        return properties.plans().entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, BillingProperties.Plan> e) -> e.getValue().meterLimit()))
                .map(e -> new PlanOffer(e.getKey(), e.getValue().meterLimit(), e.getValue().trialDays(),
                        e.getValue().currency(), e.getValue().tiers()))
                .toList();
    }

    public BillingState state(TenantId tenant) {
        Optional<Subscriptions.Subscription> found = subscriptions.find(tenant);
        long active = activeMeters(tenant);
        return found.map(s -> new BillingState(s.plan(), s.stripeStatus(), s.trialEnd(), s.lastInvoiceId(),
                        s.lastInvoiceStatus(), s.lastInvoiceMinor(), s.lastInvoiceCurrency(), s.lastInvoiceAt(),
                        s.graceUntil(), active, limitOf(s.plan()).orElse(null), s.stripeStatus() != null, plans()))
                .orElseGet(() -> new BillingState(null, null, null, null, null, null, null, null, null, active, null,
                        false, plans()));
    }

    /**
     * The most active meters the tenant's plan allows; empty while it has no plan (the platform's trial before the
     * first subscription is not limited here) or for a plan no longer offered.
     */
    public Optional<Long> meterLimit(TenantId tenant) {
        return subscriptions.find(tenant).flatMap(s -> limitOf(s.plan()));
    }

    /** Answers the published question the account side asks before a move-in makes one more meter active. */
    @QueryHandler
    public Long allowance(FindMeterAllowance query) {
        return meterLimit(query.tenantId()).orElse(null);
    }

    private Optional<Long> limitOf(String plan) {
        return Optional.ofNullable(plan).map(properties.plans()::get).map(BillingProperties.Plan::meterLimit);
    }

    /**
     * Starts Stripe Checkout in subscription mode for the plan (with the plan's free trial), for the tenant's own
     * Stripe customer, made first if it has none.
     *
     * @return the Checkout page's address
     */
    public String checkout(TenantId tenant, String planCode) {
        BillingProperties.Plan plan = planCode == null ? null : properties.plans().get(planCode);
        if (plan == null) {
            throw new FieldRejected("plan", RULE_PLAN_UNKNOWN, "no plan is called " + planCode + "; the plans are "
                    + properties.plans().keySet().stream().sorted().toList());
        }
        long active = activeMeters(tenant);
        if (active > plan.meterLimit()) {
            throw new RuleViolation(RULE_PLAN_TOO_SMALL, "plan " + planCode + " allows " + plan.meterLimit()
                    + " active meters and the tenant has " + active + "; choose a larger plan", plan.meterLimit(), active);
        }
        String customer = customerOf(tenant);
        return stripe.createSubscriptionCheckout(new StripeGateway.SubscriptionCheckoutRequest(tenant, customer,
                plan.priceId(), plan.trialDays(), properties.returnUrl() + "?checkout=done", properties.returnUrl(),
                UUID.randomUUID().toString())).url();
    }

    /** @return the Customer Portal's address for the tenant (card, plan, invoices) */
    public String portal(TenantId tenant) {
        Subscriptions.Subscription subscription = subscriptions.find(tenant).orElseThrow(() -> new RuleViolation(
                RULE_NO_CUSTOMER, "the tenant has not subscribed yet: choose a plan first"));
        return stripe.createPortalSession(subscription.customerId(), properties.returnUrl());
    }

    private String customerOf(TenantId tenant) {
        return subscriptions.find(tenant).map(Subscriptions.Subscription::customerId)
                .orElseGet(() -> subscriptions.saveCustomer(tenant, stripe.createBillingCustomer(tenant)));
    }

    /** The plan whose Stripe Price this is; null for a price that is no plan of ours (kept as it was). */
    String planOfPrice(String priceId) {
        return properties.plans().entrySet().stream().filter(e -> e.getValue().priceId().equals(priceId))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** What a subscription event did. */
    public enum Applied { CHANGED, STALE, UNCHANGED }

    /** A subscription as Stripe reports it, for a tenant found through our own customer mapping. */
    Applied subscription(TenantId tenant, String subscriptionId, String priceId, String stripeStatus,
                         Instant trialEnd, boolean deleted, Instant eventAt) {
        String status = deleted ? "canceled" : stripeStatus;
        if (!subscriptions.applySubscription(tenant, subscriptionId, planOfPrice(priceId), status, trialEnd, eventAt)) {
            log.info("subscription {} of tenant {}: an older event than one applied already; nothing changed",
                    subscriptionId, tenant.value());
            return Applied.STALE;
        }
        if (deleted || "active".equals(status) || "trialing".equals(status)) {
            subscriptions.endGrace(tenant);
        }
        return step(tenant, BillingTransitions.subscription(subscriptionId, stripeStatus, deleted), "stripe");
    }

    Applied invoicePaid(TenantId tenant, String invoiceId, long amountPaidMinor, String currency, Instant at) {
        subscriptions.recordInvoice(tenant, invoiceId, "paid", amountPaidMinor, currency, at, null);
        return step(tenant, BillingTransitions.invoicePaid(invoiceId, amountPaidMinor), "stripe");
    }

    Applied invoiceFailed(TenantId tenant, String invoiceId, long amountDueMinor, String currency, Instant at) {
        subscriptions.recordInvoice(tenant, invoiceId, "payment_failed", amountDueMinor, currency, at,
                at.plus(properties.gracePeriod()));
        return step(tenant, BillingTransitions.invoiceFailed(invoiceId), "stripe");
    }

    /** Stripe tells three days ahead that the trial ends: its end is stored for the billing page. */
    Applied trialWillEnd(TenantId tenant, String subscriptionId, String stripeStatus, Instant trialEnd, Instant eventAt) {
        subscriptions.applySubscription(tenant, subscriptionId, null, stripeStatus, trialEnd, eventAt);
        log.info("tenant {}: the trial of subscription {} ends at {}", tenant.value(), subscriptionId, trialEnd);
        return Applied.UNCHANGED;
    }

    /**
     * A closed tenant is no longer billed: its live subscription is cancelled at Stripe at once, through the one
     * Stripe access point, and stored as cancelled. Stripe's {@code customer.subscription.deleted} that follows finds
     * the tenant closed and changes nothing. A tenant that never subscribed, or whose subscription ended, has nothing
     * to cancel.
     *
     * @return the subscription cancelled now, if there was one
     */
    public Optional<String> cancelOnClosure(TenantId tenant) {
        Optional<String> live = subscriptions.liveSubscription(tenant);
        live.ifPresent(subscription -> {
            String status = stripe.cancelSubscription(subscription);
            subscriptions.markCanceled(tenant, subscription);
            log.info("tenant {} closed: subscription {} cancelled at Stripe ({})", tenant.value(), subscription,
                    status);
        });
        return live;
    }

    /**
     * Suspends every tenant whose grace period ended before {@code now} while still past due: the persistent
     * deadline is the row's {@code grace_until}, so a restart, or a node that dies mid-check, loses nothing; a tenant
     * that paid meanwhile has none.
     *
     * @return the tenants suspended now
     */
    public List<TenantId> suspendOverdue(Instant now) {
        List<TenantId> suspended = new java.util.ArrayList<>();
        for (Subscriptions.Subscription overdue : subscriptions.every()) {
            if (overdue.graceUntil() == null || overdue.graceUntil().isAfter(now)) {
                continue;
            }
            TenantId tenant = new TenantId(overdue.tenantId());
            String reason = "invoice " + overdue.lastInvoiceId() + " unpaid; the grace period ended at "
                    + overdue.graceUntil();
            try {
                if (step(tenant, new BillingTransitions.Become(TenantStatus.SUSPENDED, reason), PLATFORM_ACTOR)
                        == Applied.CHANGED) {
                    suspended.add(tenant);
                }
                subscriptions.endGrace(tenant);
            } catch (RuntimeException e) {
                log.warn("tenant {}: the grace period ended but the suspension failed ({}); tried again at the next check",
                        tenant.value(), e.getMessage());
            }
        }
        return suspended;
    }

    /**
     * Reports each subscribed tenant's active meters of {@code day} to Stripe's billing meter, once per tenant and
     * day: the identifier is {@code <tenant>:<day>}, stored before the call (a crash after the call leaves it
     * recorded, and Stripe would drop a repeat anyway); a failed call forgets it so the next run sends it.
     *
     * @return how many tenants were reported now
     */
    public int reportActiveMeters(LocalDate day) {
        int reported = 0;
        Instant at = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
        for (Subscriptions.Subscription subscription : subscriptions.every()) {
            if (subscription.stripeStatus() == null || "canceled".equals(subscription.stripeStatus())) {
                continue;
            }
            TenantId tenant = new TenantId(subscription.tenantId());
            long active = activeMeters(tenant);
            String identifier = identifier(tenant, day);
            if (!subscriptions.recordMeterReport(tenant, day, active, identifier)) {
                continue;
            }
            try {
                stripe.reportMeterEvent(properties.meterEventName(), subscription.customerId(), active, identifier, at);
                reported++;
            } catch (StripeGateway.StripeUnavailable e) {
                subscriptions.forgetMeterReport(tenant, day);
                log.warn("tenant {}: active meters of {} not reported ({}); the next run tries again", tenant.value(),
                        day, e.getMessage());
            }
        }
        return reported;
    }

    static String identifier(TenantId tenant, LocalDate day) {
        return tenant.value() + ":" + day;
    }

    public LocalDate yesterday() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    private long activeMeters(TenantId tenant) {
        Long count = queries.query(new CountActiveMeters(tenant), Long.class).join();
        return count == null ? 0 : count;
    }

    private Applied step(TenantId tenant, BillingTransitions.Verdict verdict, String actor) {
        return switch (verdict) {
            case BillingTransitions.Unchanged unchanged -> {
                log.info("tenant {}: {}; its status is unchanged", tenant.value(), unchanged.reason());
                yield Applied.UNCHANGED;
            }
            case BillingTransitions.Become become -> {
                TenantStatus before = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new ChangeTenantStatus(tenant, become.status(), become.reason())).andMetaData(Map.of(
                        MetadataKeys.TENANT, tenant.value(), MetadataKeys.ACTOR, actor,
                        MetadataKeys.ORIGIN, "platform-billing")));
                yield before == become.status() ? Applied.CHANGED : Applied.UNCHANGED;
            }
        };
    }

    /** One row of the operator's console: billing facts of one tenant, no person and no business data. */
    public record PlatformRow(String tenantId, String plan, String subscriptionStatus, Instant trialEnd,
                              String lastInvoiceId, String lastInvoiceStatus, Long lastInvoiceMinor,
                              String lastInvoiceCurrency, Instant lastInvoiceAt, Instant graceUntil,
                              long activeMeters) {
    }

    /** Every tenant that asked for a subscription, with its active meters now. */
    public List<PlatformRow> everyTenant() {
        return subscriptions.every().stream().map(s -> new PlatformRow(s.tenantId(), s.plan(), s.stripeStatus(),
                s.trialEnd(), s.lastInvoiceId(), s.lastInvoiceStatus(), s.lastInvoiceMinor(), s.lastInvoiceCurrency(),
                s.lastInvoiceAt(), s.graceUntil(), activeMeters(new TenantId(s.tenantId())))).toList();
    }

    /** The rule a refused step names; the webhook treats it as final. */
    static boolean refusedStep(RuleViolation e) {
        return TenantRules.TRANSITION_NOT_ALLOWED.equals(e.rule());
    }
}
