package com.meterledger.core.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.NotFound;
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

            @CommandHandler
            Money handle(DisputePayment command, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
                return fixture.getRepository().load(command.paymentId().value())
                        .invoke(payment -> payment.dispute(command, tenant));
            }

            @CommandHandler
            Payment.CreditChange handle(CloseDispute command, @MetaDataValue(MetadataKeys.TENANT) String tenant) {
                return fixture.getRepository().load(command.paymentId().value())
                        .invoke(payment -> payment.closeDispute(command, tenant));
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

    private static Object disputed(long amount, long reversed) {
        return event(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(amount), eur(reversed), "fraudulent"));
    }

    @Test
    void aDisputeWithdrawsItsAmountFromTheCredit() {
        fixture.given(requested(), succeeded())
                .when(new DisputePayment(PAYMENT, "du_1", eur(2500), "fraudulent"), TENANT)
                .expectEvents(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(2500), eur(2500), "fraudulent"))
                .expectResultMessagePayload(eur(2500));
    }

    @Test
    void theSameDisputeReportedAgainChangesNothing() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(new DisputePayment(PAYMENT, "du_1", eur(2500), "fraudulent"), TENANT)
                .expectNoEvents().expectResultMessagePayload(eur(0));
    }

    @Test
    void aDisputeAfterAPartialRefundReversesOnlyWhatThePaymentStillHolds() {
        Object partly = event(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1000), eur(1000), false, "ch_1"));
        fixture.given(requested(), succeeded(), partly)
                .when(new DisputePayment(PAYMENT, "du_1", eur(2500), "fraudulent"), TENANT)
                .expectEvents(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(2500), eur(1500), "fraudulent"));
    }

    @Test
    void aRefundOfADisputedPaymentReversesNothingMore() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(new RefundPayment(PAYMENT, eur(1000), "ch_1"), TENANT)
                .expectEvents(new PaymentRefunded(PAYMENT, ACCOUNT, eur(0), eur(1000), false, "ch_1"));
    }

    @Test
    void aDisputeLargerThanThePaymentOrInAnotherCurrencyIsRefused() {
        fixture.given(requested(), succeeded())
                .when(new DisputePayment(PAYMENT, "du_1", eur(2501), "fraudulent"), TENANT)
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(requested(), succeeded())
                .when(new DisputePayment(PAYMENT, "du_1", Money.of(2500, "USD"), "fraudulent"), TENANT)
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void aDisputeBeforeSuccessIsRefusedAsEarly() {
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(new DisputePayment(PAYMENT, "du_1", eur(2500), "fraudulent"), TENANT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage("payment pay-1 has not succeeded: nothing to dispute");
    }

    @Test
    void aWonDisputeRestoresWhatItsOpeningReversed() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(new CloseDispute(PAYMENT, "du_1", eur(2500), true), TENANT)
                .expectEvents(new DisputeWon(PAYMENT, ACCOUNT, "du_1", eur(2500)))
                .expectResultMessagePayload(new Payment.CreditChange(eur(0), eur(2500)));
    }

    @Test
    void aWonDisputeDoesNotRestoreWhatWasRefundedMeanwhile() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500),
                        event(new PaymentRefunded(PAYMENT, ACCOUNT, eur(0), eur(1000), false, "ch_1")))
                .when(new CloseDispute(PAYMENT, "du_1", eur(2500), true), TENANT)
                .expectEvents(new DisputeWon(PAYMENT, ACCOUNT, "du_1", eur(1500)));
    }

    @Test
    void aLostDisputeKeepsTheCreditReversed() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(new CloseDispute(PAYMENT, "du_1", eur(2500), false), TENANT)
                .expectEvents(new DisputeLost(PAYMENT, ACCOUNT, "du_1", eur(2500)))
                .expectResultMessagePayload(new Payment.CreditChange(eur(0), eur(0)));
    }

    @Test
    void aClosedDisputeIgnoresFurtherCloses() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500),
                        event(new DisputeLost(PAYMENT, ACCOUNT, "du_1", eur(2500))))
                .when(new CloseDispute(PAYMENT, "du_1", eur(2500), true), TENANT)
                .expectNoEvents();
    }

    @Test
    void aCloseThatArrivesBeforeTheOpeningOpensTheDisputeFirst() {
        fixture.given(requested(), succeeded())
                .when(new CloseDispute(PAYMENT, "du_1", eur(2500), false), TENANT)
                .expectEvents(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(2500), eur(2500),
                                "closed before it was opened"),
                        new DisputeLost(PAYMENT, ACCOUNT, "du_1", eur(2500)))
                .expectResultMessagePayload(new Payment.CreditChange(eur(2500), eur(0)));
    }

    @Test
    void anotherTenantsCommandFindsNoSuchPayment() {
        fixture.given(requested())
                .when(new FailPayment(PAYMENT, false, "declined"), MetaData.with(MetadataKeys.TENANT, "tenant-b"))
                .expectException(NotFound.class);
    }
}
