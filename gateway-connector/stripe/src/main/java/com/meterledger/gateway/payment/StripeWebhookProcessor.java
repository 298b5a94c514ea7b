package com.meterledger.gateway.payment;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.CloseDispute;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.DisputePayment;
import com.meterledger.api.payment.FailPayment;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.payment.RefundPayment;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.meterledger.gateway.payment.billing.SubscriptionWebhooks;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a verified Stripe event into at most one payment command, for the tenant and payment found through our own
 * checkout record (never through metadata); Connect's account.updated updates the tenant's connected account found
 * through our own mapping. Each event id is handled once; the commands themselves are idempotent by
 * state, so a redelivery that slips past the processed-events check still changes nothing.
 */
public class StripeWebhookProcessor {
    private static final Logger log = LoggerFactory.getLogger(StripeWebhookProcessor.class);
    static final String ACTOR = "stripe";
    static final String ORIGIN = "stripe-webhook";
    /** The Payment aggregate's rule for a refund or dispute of a payment that has not succeeded (yet). */
    private static final String EARLY = "payment-not-succeeded";

    private final CommandGateway commands;
    private final PaymentRecords records;
    private final ProcessedStripeEvents processed;
    private final ConnectedAccounts connectedAccounts;
    private final SubscriptionWebhooks subscriptions;
    private final StripeGateway stripe;

    public StripeWebhookProcessor(CommandGateway commands, PaymentRecords records, ProcessedStripeEvents processed,
                                  ConnectedAccounts connectedAccounts, SubscriptionWebhooks subscriptions,
                                  StripeGateway stripe) {
        this.stripe = stripe;
        this.commands = commands;
        this.records = records;
        this.processed = processed;
        this.connectedAccounts = connectedAccounts;
        this.subscriptions = subscriptions;
    }

    /**
     * DEFERRED: the event is early (a refund or dispute before the payment's success, or of a charge whose payment
     * intent is not linked yet); it is not recorded as processed, and the webhook inbox tries it again later.
     * DUPLICATE: the event id was processed before, or the event repeats what an earlier one already did (a second
     * success event of a paid session, a refund total or dispute already applied).
     * MALFORMED: a signed event of a type we act on without the {@code data.object} that type needs; no later try can
     * fix it, so it is final.
     */
    public enum Outcome { APPLIED, DUPLICATE, IGNORED_TYPE, UNKNOWN_OBJECT, REJECTED, DEFERRED, MALFORMED }

    /** The event lacks the object its type needs: permanent, never retried. */
    private static final class ObjectMissing extends RuntimeException {
        ObjectMissing() {
            super("the event has no data.object", null, false, false);
        }
    }

    /**
     * The method the occupant paid with. A session that offered one method was paid with it (every card-only
     * tenant: no call to Stripe); one that offered several does not say which was used, so its payment intent's
     * latest charge is asked, once per paid session.
     */
    private PaymentMethod paidWith(Event event, Session session) {
        List<String> offered = session.getPaymentMethodTypes();
        if (offered == null || offered.isEmpty()) {
            return PaymentMethod.CARD;
        }
        if (offered.size() == 1 || session.getPaymentIntent() == null) {
            return PaymentMethod.ofStripeType(offered.getFirst());
        }
        return stripe.paidWith(event.getAccount(), session.getPaymentIntent());
    }

    public Outcome process(Event event) {
        if (processed.done(event.getId())) {
            return Outcome.DUPLICATE;
        }
        Outcome outcome;
        try {
            outcome = dispatch(event);
        } catch (RuleViolation e) {
            if (EARLY.equals(e.rule())) {
                log.info("stripe event {} ({}) is early: {}; it is tried again later", event.getId(), event.getType(),
                        e.getMessage());
                return Outcome.DEFERRED;
            }
            log.warn("stripe event {} ({}) refused: {}", event.getId(), event.getType(), e.getMessage());
            outcome = Outcome.REJECTED;
        } catch (ObjectMissing e) {
            log.warn("stripe event {} ({}) is malformed: {}; recorded as final, not tried again", event.getId(),
                    event.getType(), e.getMessage());
            outcome = Outcome.MALFORMED;
        } catch (NotFound e) {
            // permanent: not tried again, kept for finance in the processed-events outcome
            log.warn("stripe event {} ({}) refused: {}", event.getId(), event.getType(), e.getMessage());
            outcome = Outcome.REJECTED;
        }
        if (outcome != Outcome.DEFERRED) {
            processed.markDone(event.getId(), event.getType(), outcome.name());
        }
        return outcome;
    }

    private Outcome dispatch(Event event) {
        return switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                Session session = object(event, Session.class);
                if (session != null && "subscription".equals(session.getMode())) {
                    yield Outcome.IGNORED_TYPE; // the platform's own subscription: its subscription events tell
                }
                if (session == null || !"paid".equals(session.getPaymentStatus())) {
                    yield Outcome.IGNORED_TYPE; // paid later: async_payment_succeeded follows
                }
                Optional<PaymentRecord> record = recordOf(session.getId());
                if (record.isEmpty()) {
                    yield unknown(event, session.getId());
                }
                PaymentRecord payment = record.get();
                if (session.getPaymentIntent() != null) {
                    records.attachPaymentIntent(payment.tenant(), session.getId(), session.getPaymentIntent());
                }
                Money paid = Money.of(session.getAmountTotal(), session.getCurrency().toUpperCase(Locale.ROOT));
                PaymentMethod method = paidWith(event, session);
                boolean credited = send(payment.tenant(), new CompletePayment(payment.paymentId(), session.getId(),
                        session.getPaymentIntent(), paid, method));
                records.markSucceeded(payment.tenant(), session.getId(), method);
                yield credited ? Outcome.APPLIED : Outcome.DUPLICATE;
            }
            case "checkout.session.expired", "checkout.session.async_payment_failed" -> {
                Session session = object(event, Session.class);
                Optional<PaymentRecord> record = session == null ? Optional.empty() : recordOf(session.getId());
                if (record.isEmpty()) {
                    yield unknown(event, session == null ? null : session.getId());
                }
                boolean expired = event.getType().endsWith("expired");
                send(record.get().tenant(), new FailPayment(record.get().paymentId(), expired,
                        expired ? "checkout session expired" : "payment failed"));
                yield Outcome.APPLIED;
            }
            case "charge.refunded" -> {
                Charge charge = object(event, Charge.class);
                Optional<PaymentRecord> record = charge == null ? Optional.empty() : recordOf(charge.getPaymentIntent());
                if (record.isEmpty()) {
                    yield unlinked(event, charge == null ? null : charge.getPaymentIntent(),
                            charge == null ? null : charge.getId());
                }
                Money refunded = Money.of(charge.getAmountRefunded(), charge.getCurrency().toUpperCase(Locale.ROOT));
                long reversed = send(record.get().tenant(), new RefundPayment(record.get().paymentId(), refunded,
                        charge.getId()));
                yield reversed > 0 ? Outcome.APPLIED : Outcome.DUPLICATE;
            }
            case "charge.dispute.created", "charge.dispute.closed" -> {
                Dispute dispute = object(event, Dispute.class);
                if (dispute == null) {
                    yield unknown(event, null);
                }
                boolean closed = event.getType().endsWith("closed");
                // an inquiry (warning_*) withdraws no funds; a close is final only as won or lost
                if (dispute.getStatus() == null || dispute.getStatus().startsWith("warning_")
                        || closed && !"won".equals(dispute.getStatus()) && !"lost".equals(dispute.getStatus())) {
                    yield Outcome.IGNORED_TYPE;
                }
                Optional<PaymentRecord> record = recordOf(dispute.getPaymentIntent());
                if (record.isEmpty()) {
                    yield unlinked(event, dispute.getPaymentIntent(), dispute.getId());
                }
                Money disputed = Money.of(dispute.getAmount(), dispute.getCurrency().toUpperCase(Locale.ROOT));
                if (closed) {
                    send(record.get().tenant(), new CloseDispute(record.get().paymentId(), dispute.getId(), disputed,
                            "won".equals(dispute.getStatus())));
                    yield Outcome.APPLIED;
                }
                long withdrawn = send(record.get().tenant(), new DisputePayment(record.get().paymentId(),
                        dispute.getId(), disputed, dispute.getReason()));
                yield withdrawn > 0 ? Outcome.APPLIED : Outcome.DUPLICATE;
            }
            case "account.updated" -> {
                Account account = object(event, Account.class);
                Optional<TenantId> tenant = account == null ? Optional.empty()
                        : connectedAccounts.tenantOf(account.getId());
                if (tenant.isEmpty()) {
                    yield unknown(event, account == null ? null : account.getId());
                }
                connectedAccounts.update(tenant.get(), StripeClientGateway.connected(account));
                yield Outcome.APPLIED;
            }
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
                 "customer.subscription.trial_will_end" ->
                    subscriptions.subscription(event, object(event, Subscription.class));
            case "invoice.paid", "invoice.payment_failed" -> subscriptions.invoice(event, object(event, Invoice.class));
            default -> Outcome.IGNORED_TYPE;
        };
    }

    /**
     * A charge-level event whose payment intent is not linked (yet): linked when the session's success arrives, so it
     * is held for Stripe's redelivery; without a payment intent it can never be ours.
     */
    private static Outcome unlinked(Event event, String paymentIntent, String objectId) {
        if (paymentIntent != null) {
            log.info("stripe event {} ({}) names payment intent {}, not linked (yet): deferred", event.getId(),
                    event.getType(), paymentIntent);
            return Outcome.DEFERRED;
        }
        return unknown(event, objectId);
    }

    private Optional<PaymentRecord> recordOf(String stripeObjectId) {
        return records.tenantOf(stripeObjectId).flatMap(tenant -> records.find(tenant, stripeObjectId));
    }

    private static Outcome unknown(Event event, String objectId) {
        log.info("stripe event {} ({}) names {}, which no checkout of ours created: acknowledged, nothing changed",
                event.getId(), event.getType(), objectId);
        return Outcome.UNKNOWN_OBJECT;
    }

    /** @return what the command handler answers (credited now, amount reversed now), null for a void handler */
    private <R> R send(TenantId tenant, Object command) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                MetadataKeys.TENANT, tenant.value(), MetadataKeys.ACTOR, ACTOR, MetadataKeys.ORIGIN, ORIGIN)));
    }

    /**
     * Whether the event as it was read carries a {@code data.object}: read from the raw JSON, because Stripe's own
     * accessors throw a NullPointerException without one (which the inbox took for a transient failure and retried).
     */
    private static boolean hasObject(Event event) {
        JsonObject raw = event.getRawJsonObject();
        JsonElement data = raw == null ? null : raw.get("data");
        return data != null && data.isJsonObject() && data.getAsJsonObject().get("object") instanceof JsonObject;
    }

    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        if (!hasObject(event)) {
            throw new ObjectMissing();
        }
        StripeObject object = event.getDataObjectDeserializer().getObject().orElse(null);
        return type.isInstance(object) ? type.cast(object) : null;
    }
}
