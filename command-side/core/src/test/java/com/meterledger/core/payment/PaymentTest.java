package com.meterledger.core.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.payment.CheckoutIssued;
import com.meterledger.api.payment.CompletePayment;
import com.meterledger.api.payment.FailPayment;
import com.meterledger.api.payment.PaymentExpired;
import com.meterledger.api.payment.PaymentId;
import com.meterledger.api.payment.PaymentRefunded;
import com.meterledger.api.payment.PaymentRequested;
import com.meterledger.api.payment.PaymentSucceeded;
import com.meterledger.api.payment.RecordCheckoutIssued;
import com.meterledger.api.payment.RefundPayment;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/**
 * The Payment aggregate's life cycle with Axon's fixture. Success and refund are invoked by {@link PaymentService}
 * together with the account; here a stand-in handler invokes them on the payment alone.
 */
class PaymentTest {
    private static final PaymentId PAYMENT = new PaymentId("pay-1");
    private static final AccountId ACCOUNT = new AccountId("acc-1");
    private static final MetaData TENANT = MetaData.with(MetadataKeys.TENANT, "tenant-a");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SESSION = "cs_test_1";

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            boolean handle(CompletePayment command, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
                return fixture.getRepository().load(command.paymentId().value())
                        .invoke(payment -> payment.succeed(command, tenant, AT));
            }

            @CommandHandler
            Money handle(RefundPayment command, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
                return fixture.getRepository().load(command.paymentId().value())
                        .invoke(payment -> payment.refund(command, tenant));
            }
        });
    }

    private static Object event(Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(TENANT);
    }

    private static Object requested() {
        return event(new PaymentRequested(PAYMENT, ACCOUNT, eur(2500), AT));
    }

    private static Object succeeded() {
        return event(new PaymentSucceeded(PAYMENT, ACCOUNT, eur(2500), SESSION, "pi_1", AT));
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    @Test
    void aCheckoutIsIssuedOnceAndNeverReplacedByAnother() {
        fixture.given(requested()).when(new RecordCheckoutIssued(PAYMENT, SESSION), TENANT)
                .expectEvents(new CheckoutIssued(PAYMENT, SESSION));
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new RecordCheckoutIssued(PAYMENT, SESSION), TENANT).expectNoEvents();
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new RecordCheckoutIssued(PAYMENT, "cs_other"), TENANT).expectException(RuleViolation.class);
    }

    @Test
    void aPaymentSucceedsOnceAndOnlyForTheAmountAsked() {
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new CompletePayment(PAYMENT, SESSION, "pi_1", eur(2500)), TENANT)
                .expectEvents(new PaymentSucceeded(PAYMENT, ACCOUNT, eur(2500), SESSION, "pi_1", AT))
                .expectResultMessagePayload(true);
        fixture.given(requested(), succeeded())
                .when(new CompletePayment(PAYMENT, SESSION, "pi_1", eur(2500)), TENANT)
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new CompletePayment(PAYMENT, SESSION, "pi_1", eur(2400)), TENANT)
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new CompletePayment(PAYMENT, "cs_someone_elses", "pi_1", eur(2500)), TENANT)
                .expectException(RuleViolation.class);
    }

    @Test
    void anExpiryEndsAnOpenPaymentButIsALateEchoAfterSuccess() {
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new FailPayment(PAYMENT, true, "expired"), TENANT).expectEvents(new PaymentExpired(PAYMENT));
        fixture.given(requested(), succeeded())
                .when(new FailPayment(PAYMENT, true, "expired"), TENANT).expectNoEvents();
    }

    @Test
    void refundsReverseEachCentOnceAndNeverMoreThanWasPaid() {
        fixture.given(requested(), succeeded())
                .when(new RefundPayment(PAYMENT, eur(1000), "ch_1"), TENANT)
                .expectEvents(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1000), eur(1000), false, "ch_1"));
        Object partly = event(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1000), eur(1000), false, "ch_1"));
        fixture.given(requested(), succeeded(), partly)
                .when(new RefundPayment(PAYMENT, eur(1000), "ch_1"), TENANT).expectNoEvents();
        fixture.given(requested(), succeeded(), partly)
                .when(new RefundPayment(PAYMENT, eur(2500), "ch_1"), TENANT)
                .expectEvents(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1500), eur(2500), true, "ch_1"));
        fixture.given(requested(), succeeded(), partly)
                .when(new RefundPayment(PAYMENT, eur(2501), "ch_1"), TENANT).expectException(RuleViolation.class);
    }

    @Test
    void aRefundBeforeSuccessIsRefusedAsEarly() {
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new RefundPayment(PAYMENT, eur(1000), "ch_1"), TENANT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage("payment pay-1 has not succeeded: nothing to refund");
    }

    @Test
    void anotherTenantsCommandFindsNoSuchPayment() {
        fixture.given(requested())
                .when(new FailPayment(PAYMENT, false, "declined"), MetaData.with(MetadataKeys.TENANT, "tenant-b"))
                .expectException(NotFound.class);
    }
}
