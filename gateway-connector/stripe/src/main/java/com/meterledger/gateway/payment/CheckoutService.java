package com.meterledger.gateway.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.FailPayment;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.RecordCheckoutIssued;
import com.meterledger.api.payment.RequestPayment;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.GenericCommandMessage;
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.payment.PaymentMethodOffer;
import com.meterledger.api.tenant.FindPaymentMethodChoice;
import com.meterledger.api.tenant.PaymentMethodChoice;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a Stripe Checkout for an account, for landlord staff and for occupants with a payment link alike: the
 * payment is requested first (account known in the tenant, open, its currency, within the tenant's limits), then the
 * session is created at Stripe and recorded as ours, which is how the webhook later finds tenant, account and payment.
 * The tenant is the caller's (token or payment link), never the request body's. The session is a direct charge on the
 * tenant's connected Stripe account with the tenant's application fee; a tenant whose onboarding is not finished
 * cannot start one ({@link PaymentsNotReady}): the requested payment is failed with that reason, Stripe is not called.
 */
public class CheckoutService {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final StripeGateway stripe;
    private final PaymentRecords records;
    private final StripeConnect connect;
    private final PaymentSettings settings;

    public CheckoutService(CommandGateway commands, QueryGateway queries, StripeGateway stripe,
                           PaymentRecords records, StripeConnect connect, PaymentSettings settings) {
        this.commands = commands;
        this.queries = queries;
        this.stripe = stripe;
        this.records = records;
        this.connect = connect;
        this.settings = settings;
    }

    public record Started(String paymentId, String checkoutSessionId, String url) {
    }

    public Started start(TenantId tenant, AccountId account, Money amount, String actor, String origin) {
        PaymentId payment = new PaymentId("pay-" + UUID.randomUUID());
        Map<String, Object> metadata = Map.of(MetadataKeys.TENANT, tenant.value(), MetadataKeys.ACTOR, actor,
                MetadataKeys.ORIGIN, origin);
        // first the account (a foreign or unknown one is 404 like everywhere), then the tenant's own Stripe set-up
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RequestPayment(payment, account, amount))
                .andMetaData(metadata));
        String connectedAccount;
        long fee;
        try {
            connectedAccount = connect.requireReady(tenant).id();
            fee = settings.applicationFee(tenant).of(amount.minorUnits());
            if (fee >= amount.minorUnits()) {
                throw new RuleViolation("application-fee-exceeds-payment",
                        "the application fee of " + fee + " minor units leaves nothing of " + amount.minorUnits());
            }
        } catch (PaymentsNotReady | RuleViolation e) {
            // the payment never reaches Stripe: it ends here, visibly, instead of waiting for a checkout forever
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new FailPayment(payment, false,
                    e.getMessage())).andMetaData(metadata));
            throw e;
        }
        StripeGateway.CheckoutSession session = stripe.createCheckoutSession(
                new StripeGateway.CheckoutRequest(payment, account, amount, "Prepaid top-up " + account.value(),
                        connectedAccount, fee, methodsFor(tenant, amount)));
        records.record(tenant, payment, account, session.id(), amount, actor, connectedAccount, fee);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordCheckoutIssued(payment, session.id()))
                .andMetaData(metadata));
        return new Started(payment.value(), session.id(), session.url() == null ? "" : session.url());
    }

    /** What Checkout offers: card, and WeChat Pay and Alipay where the landlord chose them and the currency allows. */
    public List<PaymentMethod> methodsFor(TenantId tenant, Money amount) {
        PaymentMethodChoice choice = queries.query(new FindPaymentMethodChoice(tenant),
                ResponseTypes.instanceOf(PaymentMethodChoice.class)).join();
        return PaymentMethodOffer.offered(choice.methods(), amount.currency());
    }
}
