package com.meterledger.core.payment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.account.ReversePaymentCredit;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.CheckoutIssued;
import com.meterledger.api.payment.CloseDispute;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.DisputeLost;
import com.meterledger.api.payment.DisputePayment;
import com.meterledger.api.payment.DisputeWon;
import com.meterledger.api.payment.FailPayment;
import com.meterledger.api.payment.PaymentDisputed;
import com.meterledger.api.payment.PaymentExpired;
import com.meterledger.api.payment.PaymentFailed;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentRefunded;
import com.meterledger.api.payment.PaymentRequested;
import com.meterledger.api.payment.PaymentSucceeded;
import com.meterledger.api.payment.RecordCheckoutIssued;
import com.meterledger.api.payment.RefundPayment;
import com.meterledger.api.payment.RequestPayment;
import com.meterledger.api.shared.Money;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One online payment onto one account: requested, checkout issued, then succeeded (the account is credited once),
 * failed or expired; a succeeded payment can be refunded in parts up to its amount, and disputed (the funds withdrawn,
 * then reinstated if the dispute is won). Every transition is decided by state, so Stripe's redelivered and reordered
 * webhooks change nothing twice. What the payment holds on the account is always {@link #creditDue}: paid minus
 * refunded minus every dispute not won, never below zero, so refunds and disputes together never reverse more than
 * was paid.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Payment {
    @AggregateIdentifier
    private PaymentId paymentId;
    private String tenantId;
    private AccountId accountId;
    private Money amount;
    private PaymentStatus status;
    private String checkoutSessionId;
    private String paymentIntentId;
    private long refundedMinor;
    /** The part of the payment's credit still on the account. */
    private long creditHeldMinor;
    private Map<String, DisputeState> disputes = new HashMap<>();

    record DisputeState(long amountMinor, boolean closed, boolean won) {
    }

    /**
     * What a step of the payment means for its account, decided by the payment, which knows its account and what it
     * holds there: a reversal of credit first (a refund, a dispute's withdrawal), then a credit (the payment's success,
     * a won dispute). Null where there is none; both null when the step changed nothing.
     */
    public record AccountEffect(ReversePaymentCredit reversal, RecordTopUp credit) {
        static AccountEffect none() {
            return new AccountEffect(null, null);
        }

        public long reversedMinor() {
            return reversal == null ? 0 : reversal.amount().minorUnits();
        }
    }

    protected Payment() {
    }

    /** Created by the account it pays onto, which checked it: open, in the tenant, same currency, within limits. */
    public Payment(RequestPayment command, Instant now) {
        apply(new PaymentRequested(command.paymentId(), command.accountId(), command.amount(), now));
    }

    @CommandHandler
    public void handle(RecordCheckoutIssued command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        if (command.checkoutSessionId() == null || command.checkoutSessionId().isBlank()) {
            throw new RuleViolation("checkout-session-required", "a checkout needs its Stripe session id");
        }
        if (checkoutSessionId != null) {
            if (checkoutSessionId.equals(command.checkoutSessionId())) {
                return;
            }
            throw new RuleViolation("checkout-already-issued", "payment " + paymentId + " already has a checkout");
        }
        apply(new CheckoutIssued(paymentId, command.checkoutSessionId()));
    }

    /** A failure or expiry ends a payment that has not succeeded; after success it is a late echo and ignored. */
    @CommandHandler
    public void handle(FailPayment command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        if (status != PaymentStatus.REQUESTED && status != PaymentStatus.CHECKOUT_ISSUED) {
            return;
        }
        apply(command.expired() ? new PaymentExpired(paymentId) : new PaymentFailed(paymentId, command.reason()));
    }

    /** @return the credit of the paid amount, referenced by the checkout; none when the payment had succeeded already */
    @CommandHandler
    public AccountEffect handle(PaymentSteps.Succeed step, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        CompletePayment command = step.news();
        Instant now = GenericEventMessage.clock.instant();
        if (status == PaymentStatus.SUCCEEDED || status == PaymentStatus.PARTIALLY_REFUNDED
                || status == PaymentStatus.REFUNDED) {
            return AccountEffect.none();
        }
        if (checkoutSessionId != null && !checkoutSessionId.equals(command.checkoutSessionId())) {
            throw new RuleViolation("checkout-session-mismatch", "payment " + paymentId + " has another checkout");
        }
        if (!Objects.equals(command.paid(), amount)) {
            throw new RuleViolation("payment-amount-mismatch",
                    "payment " + paymentId + " asked for " + amount + " but " + command.paid() + " was paid");
        }
        apply(new PaymentSucceeded(paymentId, accountId, amount, command.checkoutSessionId(),
                command.paymentIntentId(), now, command.method()));
        return new AccountEffect(null, new RecordTopUp(accountId, amount, command.checkoutSessionId(), null));
    }

    /** @return the reversal of the credit the refund takes back now; none when this refund total was reversed */
    @CommandHandler
    public AccountEffect handle(PaymentSteps.Refund step, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        RefundPayment command = step.news();
        requireSettled("refund");
        if (!command.refundedTotal().currency().equals(amount.currency())
                || command.refundedTotal().minorUnits() > amount.minorUnits()) {
            throw new RuleViolation("refund-exceeds-payment",
                    "a refund total of " + command.refundedTotal() + " does not fit payment " + paymentId);
        }
        long total = command.refundedTotal().minorUnits();
        if (total <= refundedMinor) {
            return AccountEffect.none();
        }
        Money reversed = money(creditHeldMinor - creditDue(total, disputes));
        apply(new PaymentRefunded(paymentId, accountId, reversed, command.refundedTotal(),
                total == amount.minorUnits(), command.stripeReference()));
        String reference = command.stripeReference() == null ? checkoutSessionId : command.stripeReference();
        return new AccountEffect(reversal(reversed, "payment refunded: " + reference), null);
    }

    /** @return the reversal of the credit the dispute withdraws now; none for a dispute already known */
    @CommandHandler
    public AccountEffect handle(PaymentSteps.OpenDispute step, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        DisputePayment command = step.news();
        return new AccountEffect(reversal(open(command), "payment disputed: " + command.disputeId()), null);
    }

    private Money open(DisputePayment command) {
        if (disputes.containsKey(command.disputeId())) {
            return money(0);
        }
        requireDisputable(command.disputeId(), command.amount());
        Map<String, DisputeState> after = new HashMap<>(disputes);
        after.put(command.disputeId(), new DisputeState(command.amount().minorUnits(), false, false));
        Money reversed = money(creditHeldMinor - creditDue(refundedMinor, after));
        apply(new PaymentDisputed(paymentId, accountId, command.disputeId(), command.amount(), reversed,
                command.reason()));
        return reversed;
    }

    /**
     * A close of a dispute not opened yet (Stripe's events out of order) opens it first, so the ledger shows the
     * withdrawal and, if won, the reinstatement; a close of a closed dispute changes nothing.
     */
    @CommandHandler
    public AccountEffect handle(PaymentSteps.Close step, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        CloseDispute command = step.news();
        DisputeState known = disputes.get(command.disputeId());
        if (known != null && known.closed()) {
            return AccountEffect.none();
        }
        Money reversed = known != null ? money(0) : open(new DisputePayment(paymentId, command.disputeId(),
                command.amount(), "closed before it was opened"));
        DisputeState open = disputes.get(command.disputeId());
        if (!command.won()) {
            apply(new DisputeLost(paymentId, accountId, command.disputeId(), money(open.amountMinor())));
            return new AccountEffect(reversal(reversed, "payment disputed: " + command.disputeId()), null);
        }
        Map<String, DisputeState> after = new HashMap<>(disputes);
        after.put(command.disputeId(), new DisputeState(open.amountMinor(), true, true));
        Money restored = money(creditDue(refundedMinor, after) - creditHeldMinor);
        apply(new DisputeWon(paymentId, accountId, command.disputeId(), restored));
        return new AccountEffect(reversal(reversed, "payment disputed: " + command.disputeId()),
                restored.positive() ? new RecordTopUp(accountId, restored, "dispute won: " + command.disputeId(), null)
                        : null);
    }

    private ReversePaymentCredit reversal(Money amount, String reason) {
        return amount.positive() ? new ReversePaymentCredit(accountId, amount, reason) : null;
    }

    private void requireSettled(String what) {
        if (status != PaymentStatus.SUCCEEDED && status != PaymentStatus.PARTIALLY_REFUNDED
                && status != PaymentStatus.REFUNDED) {
            throw new RuleViolation("payment-not-succeeded",
                    "payment " + paymentId + " has not succeeded: nothing to " + what);
        }
    }

    private void requireDisputable(String disputeId, Money disputed) {
        if (disputeId == null || disputeId.isBlank()) {
            throw new RuleViolation("dispute-id-required", "a dispute needs its Stripe dispute id");
        }
        requireSettled("dispute");
        if (!disputed.currency().equals(amount.currency()) || !disputed.positive()
                || disputed.minorUnits() > amount.minorUnits()) {
            throw new RuleViolation("dispute-exceeds-payment",
                    "a dispute of " + disputed + " does not fit payment " + paymentId);
        }
    }

    /** Paid minus refunded minus every dispute not won, never below zero: what the payment should hold. */
    private long creditDue(long refunded, Map<String, DisputeState> withDisputes) {
        long withdrawn = withDisputes.values().stream().filter(d -> !d.won()).mapToLong(DisputeState::amountMinor).sum();
        return Math.max(0, amount.minorUnits() - refunded - withdrawn);
    }

    private Money money(long minor) {
        return new Money(minor, amount.currency());
    }

    @EventSourcingHandler
    void on(PaymentRequested event, @MetaDataValue(TENANT) String tenant) {
        paymentId = event.paymentId();
        tenantId = tenant;
        accountId = event.accountId();
        amount = event.amount();
        status = PaymentStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(CheckoutIssued event) {
        checkoutSessionId = event.checkoutSessionId();
        status = PaymentStatus.CHECKOUT_ISSUED;
    }

    @EventSourcingHandler
    void on(PaymentSucceeded event) {
        checkoutSessionId = event.checkoutSessionId();
        creditHeldMinor = event.amount().minorUnits();
        paymentIntentId = event.paymentIntentId();
        status = PaymentStatus.SUCCEEDED;
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        status = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentExpired event) {
        status = PaymentStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        refundedMinor = event.refundedTotal().minorUnits();
        creditHeldMinor -= event.amount().minorUnits();
        status = event.full() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
    }

    @EventSourcingHandler
    void on(PaymentDisputed event) {
        disputes.put(event.disputeId(), new DisputeState(event.disputed().minorUnits(), false, false));
        creditHeldMinor -= event.reversed().minorUnits();
    }

    @EventSourcingHandler
    void on(DisputeWon event) {
        disputes.computeIfPresent(event.disputeId(), (id, open) -> new DisputeState(open.amountMinor(), true, true));
        creditHeldMinor += event.restored().minorUnits();
    }

    @EventSourcingHandler
    void on(DisputeLost event) {
        disputes.computeIfPresent(event.disputeId(), (id, open) -> new DisputeState(open.amountMinor(), true, false));
    }
}
