package com.meterledger.core.payment;

import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.account.ReversePaymentCredit;
import com.meterledger.api.payment.CloseDispute;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.DisputePayment;
import com.meterledger.api.payment.RefundPayment;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.annotation.MetaDataValue;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The payment process: Stripe's news about a payment becomes the payment's own command ({@link PaymentSteps}); the
 * payment answers what that means for its account ({@link Payment.AccountEffect}), and the process sends the account
 * those commands ({@link ReversePaymentCredit}, then {@link RecordTopUp}). All of them go through the command bus from
 * inside this handler, so they run in its unit of work, one transaction: the payment's success and the account's
 * credit are stored together or not at all, and so are a refund and its reversal. The credit's reference is the
 * Stripe Checkout Session id, so even a second payment for the same session could not credit twice (RecordTopUp is
 * idempotent by reference).
 */
public class PaymentService {
    private final CommandGateway commands;

    public PaymentService(CommandGateway commands) {
        this.commands = commands;
    }

    /** @return true when the account was credited now, false for a payment that had already succeeded */
    @CommandHandler
    public boolean handle(CompletePayment command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        return carryOut(commands.sendAndWait(new PaymentSteps.Succeed(command)));
    }

    /** @return the amount reversed now (zero when this refund total was already reversed) */
    @CommandHandler
    public long handle(RefundPayment command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Payment.AccountEffect effect = commands.sendAndWait(new PaymentSteps.Refund(command));
        carryOut(effect);
        return effect.reversedMinor();
    }

    /** @return the amount reversed now (zero for a dispute already known) */
    @CommandHandler
    public long handle(DisputePayment command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Payment.AccountEffect effect = commands.sendAndWait(new PaymentSteps.OpenDispute(command));
        carryOut(effect);
        return effect.reversedMinor();
    }

    @CommandHandler
    public void handle(CloseDispute command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        carryOut(commands.sendAndWait(new PaymentSteps.Close(command)));
    }

    /** @return true when the effect credited the account now */
    private boolean carryOut(Payment.AccountEffect effect) {
        if (effect.reversal() != null) {
            commands.sendAndWait(effect.reversal());
        }
        return effect.credit() != null && commands.<Boolean>sendAndWait(effect.credit());
    }
}
