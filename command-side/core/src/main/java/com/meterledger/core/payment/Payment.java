package com.meterledger.core.payment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.CheckoutIssued;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.FailPayment;
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
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Objects;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One online payment onto one account: requested, checkout issued, then succeeded (the account is credited once),
 * failed or expired; a succeeded payment can be refunded in parts up to its amount. Every transition is decided by
 * state, so Stripe's redelivered and reordered webhooks change nothing twice.
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

    protected Payment() {
    }

    /** Checked by the caller (PaymentService): account open, in the tenant, same currency, within limits. */
    Payment(RequestPayment command, Instant now) {
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

    /**
     * @return true when this completion is new (the caller credits the account in the same unit of work), false when
     * the payment had already succeeded
     */
    public boolean succeed(CompletePayment command, String tenant, Instant now) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        if (status == PaymentStatus.SUCCEEDED || status == PaymentStatus.PARTIALLY_REFUNDED
                || status == PaymentStatus.REFUNDED) {
            return false;
        }
        if (checkoutSessionId != null && !checkoutSessionId.equals(command.checkoutSessionId())) {
            throw new RuleViolation("checkout-session-mismatch", "payment " + paymentId + " has another checkout");
        }
        if (!Objects.equals(command.paid(), amount)) {
            throw new RuleViolation("payment-amount-mismatch",
                    "payment " + paymentId + " asked for " + amount + " but " + command.paid() + " was paid");
        }
        apply(new PaymentSucceeded(paymentId, accountId, amount, command.checkoutSessionId(),
                command.paymentIntentId(), now));
        return true;
    }

    /** @return the amount newly refunded (the caller reverses it on the account), zero when nothing is new */
    public Money refund(RefundPayment command, String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "payment", paymentId);
        if (status != PaymentStatus.SUCCEEDED && status != PaymentStatus.PARTIALLY_REFUNDED
                && status != PaymentStatus.REFUNDED) {
            throw new RuleViolation("payment-not-succeeded", "payment " + paymentId + " has not succeeded: nothing to refund");
        }
        if (!command.refundedTotal().currency().equals(amount.currency())
                || command.refundedTotal().minorUnits() > amount.minorUnits()) {
            throw new RuleViolation("refund-exceeds-payment",
                    "a refund total of " + command.refundedTotal() + " does not fit payment " + paymentId);
        }
        long delta = command.refundedTotal().minorUnits() - refundedMinor;
        if (delta <= 0) {
            return Money.zero(amount.currency());
        }
        Money newly = new Money(delta, amount.currency());
        apply(new PaymentRefunded(paymentId, accountId, newly, command.refundedTotal(),
                command.refundedTotal().minorUnits() == amount.minorUnits(), command.stripeReference()));
        return newly;
    }

    public AccountId accountId() {
        return accountId;
    }

    public String checkoutSessionId() {
        return checkoutSessionId;
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
        status = event.full() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
    }
}
