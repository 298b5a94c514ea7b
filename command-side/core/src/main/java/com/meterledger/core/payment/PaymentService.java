package com.meterledger.core.payment;

import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.CloseDispute;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.DisputePayment;
import com.meterledger.api.payment.RefundPayment;
import com.meterledger.api.payment.RequestPayment;
import com.meterledger.api.shared.Money;
import com.meterledger.core.account.Account;
import com.meterledger.core.config.PaymentProperties;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Instant;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The commands that touch a payment and its account together, in one unit of work (one transaction): the payment's
 * success and the account's credit are stored together or not at all, and so are a refund and its reversal. The
 * credit's reference is the Stripe Checkout Session id, so even a second payment aggregate for the same session could
 * not credit twice (RecordTopUp is idempotent by reference). Refunds and disputes take credit back through one path
 * (Account.reversePayment, which may deplete the account, so supply control applies); a won dispute credits it again
 * as a top-up referenced by the dispute id.
 */
public class PaymentService {
    private final Repository<Payment> payments;
    private final Repository<Account> accounts;
    private final PaymentProperties limits;

    public PaymentService(Repository<Payment> payments, Repository<Account> accounts, PaymentProperties limits) {
        this.payments = payments;
        this.accounts = accounts;
        this.limits = limits;
    }

    @CommandHandler
    public String handle(RequestPayment command, @MetaDataValue(TENANT) String tenant) throws Exception {
        TenantGuard.requireTenant(tenant);
        Aggregate<Account> account = load(accounts, command.accountId().value(), "account");
        account.execute(a -> a.requirePayable(tenant, command.amount()));
        long minimum = limits.minimumOf(tenant);
        long maximum = limits.maximumOf(tenant);
        long amount = command.amount().minorUnits();
        if (amount < minimum || amount > maximum) {
            throw new RuleViolation("payment-amount-out-of-limits",
                    "a payment must be between " + minimum + " and " + maximum + " minor units, not " + amount);
        }
        Instant now = GenericEventMessage.clock.instant();
        payments.newInstance(() -> new Payment(command, now));
        return command.paymentId().value();
    }

    /** @return true when the account was credited now, false for a payment that had already succeeded */
    @CommandHandler
    public boolean handle(CompletePayment command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Aggregate<Payment> payment = load(payments, command.paymentId().value(), "payment");
        Instant now = GenericEventMessage.clock.instant();
        boolean fresh = payment.invoke(p -> p.succeed(command, tenant, now));
        if (!fresh) {
            return false;
        }
        RecordTopUp credit = new RecordTopUp(payment.invoke(Payment::accountId), command.paid(),
                command.checkoutSessionId(), null);
        Aggregate<Account> account = load(accounts, credit.accountId().value(), "account");
        return account.invoke(a -> a.handle(credit, tenant));
    }

    /** @return the amount reversed now (zero when this refund total was already reversed) */
    @CommandHandler
    public long handle(RefundPayment command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Aggregate<Payment> payment = load(payments, command.paymentId().value(), "payment");
        Money reversed = payment.invoke(p -> p.refund(command, tenant));
        String reference = command.stripeReference() == null ? payment.invoke(Payment::checkoutSessionId)
                : command.stripeReference();
        reverse(payment, reversed, "payment refunded: " + reference, tenant);
        return reversed.minorUnits();
    }

    /** @return the amount reversed now (zero for a dispute already known) */
    @CommandHandler
    public long handle(DisputePayment command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Aggregate<Payment> payment = load(payments, command.paymentId().value(), "payment");
        Money reversed = payment.invoke(p -> p.dispute(command, tenant));
        reverse(payment, reversed, "payment disputed: " + command.disputeId(), tenant);
        return reversed.minorUnits();
    }

    @CommandHandler
    public void handle(CloseDispute command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Aggregate<Payment> payment = load(payments, command.paymentId().value(), "payment");
        Payment.CreditChange change = payment.invoke(p -> p.closeDispute(command, tenant));
        reverse(payment, change.reversed(), "payment disputed: " + command.disputeId(), tenant);
        if (change.restored().positive()) {
            RecordTopUp credit = new RecordTopUp(payment.invoke(Payment::accountId), change.restored(),
                    "dispute won: " + command.disputeId(), null);
            load(accounts, credit.accountId().value(), "account").execute(a -> a.handle(credit, tenant));
        }
    }

    private void reverse(Aggregate<Payment> payment, Money amount, String reason, String tenant) {
        if (amount.positive()) {
            load(accounts, payment.invoke(Payment::accountId).value(), "account")
                    .execute(a -> a.reversePayment(amount, reason, tenant));
        }
    }

    private static <T> Aggregate<T> load(Repository<T> repository, String id, String what) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw new NotFound(what, id);
        }
    }
}
