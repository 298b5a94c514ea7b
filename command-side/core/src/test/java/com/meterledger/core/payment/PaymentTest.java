package com.meterledger.core.payment;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.account.ReversePaymentCredit;
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
import com.meterledger.api.payment.PaymentMethod;
import com.meterledger.api.payment.PaymentSucceeded;
import com.meterledger.api.payment.RecordCheckoutIssued;
import com.meterledger.api.payment.RefundPayment;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/**
 * The Payment aggregate's life cycle with Axon's fixture, through its own commands ({@link PaymentSteps}): each step
 * answers what it means for the account, which {@link PaymentService} then sends the account.
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
    }

    private static Object event(Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(TENANT);
    }

    private static Object requested() {
        return event(new PaymentRequested(PAYMENT, ACCOUNT, eur(2500), AT));
    }

    private static Object succeeded() {
        return event(new PaymentSucceeded(PAYMENT, ACCOUNT, eur(2500), SESSION, "pi_1", AT, PaymentMethod.CARD));
    }

    private static PaymentSteps.Succeed succeed(String session, Money paid) {
        return new PaymentSteps.Succeed(new CompletePayment(PAYMENT, session, "pi_1", paid, PaymentMethod.CARD));
    }

    private static PaymentSteps.Refund refund(Money refundedTotal) {
        return new PaymentSteps.Refund(new RefundPayment(PAYMENT, refundedTotal, "ch_1"));
    }

    private static PaymentSteps.OpenDispute dispute(Money amount) {
        return new PaymentSteps.OpenDispute(new DisputePayment(PAYMENT, "du_1", amount, "fraudulent"));
    }

    private static PaymentSteps.Close close(Money amount, boolean won) {
        return new PaymentSteps.Close(new CloseDispute(PAYMENT, "du_1", amount, won));
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
        fixture.givenCurrentTime(AT).andGiven(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(succeed(SESSION, eur(2500)), TENANT)
                .expectEvents(new PaymentSucceeded(PAYMENT, ACCOUNT, eur(2500), SESSION, "pi_1", AT, PaymentMethod.CARD))
                .expectResultMessagePayload(new Payment.AccountEffect(null,
                        new RecordTopUp(ACCOUNT, eur(2500), SESSION, null)));
        fixture.given(requested(), succeeded())
                .when(succeed(SESSION, eur(2500)), TENANT)
                .expectNoEvents().expectResultMessagePayload(Payment.AccountEffect.none());
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(succeed(SESSION, eur(2400)), TENANT)
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(succeed("cs_someone_elses", eur(2500)), TENANT)
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
                .when(refund(eur(1000)), TENANT)
                .expectEvents(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1000), eur(1000), false, "ch_1"));
        Object partly = event(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1000), eur(1000), false, "ch_1"));
        fixture.given(requested(), succeeded(), partly)
                .when(refund(eur(1000)), TENANT).expectNoEvents();
        fixture.given(requested(), succeeded(), partly)
                .when(refund(eur(2500)), TENANT)
                .expectEvents(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1500), eur(2500), true, "ch_1"));
        fixture.given(requested(), succeeded(), partly)
                .when(refund(eur(2501)), TENANT).expectException(RuleViolation.class);
    }

    @Test
    void aRefundBeforeSuccessIsRefusedAsEarly() {
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(refund(eur(1000)), TENANT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage("payment pay-1 has not succeeded: nothing to refund");
    }

    private static Object disputed(long amount, long reversed) {
        return event(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(amount), eur(reversed), "fraudulent"));
    }

    @Test
    void aDisputeWithdrawsItsAmountFromTheCredit() {
        fixture.given(requested(), succeeded())
                .when(dispute(eur(2500)), TENANT)
                .expectEvents(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(2500), eur(2500), "fraudulent"))
                .expectResultMessagePayload(new Payment.AccountEffect(
                        new ReversePaymentCredit(ACCOUNT, eur(2500), "payment disputed: du_1"), null));
    }

    @Test
    void theSameDisputeReportedAgainChangesNothing() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(dispute(eur(2500)), TENANT)
                .expectNoEvents().expectResultMessagePayload(Payment.AccountEffect.none());
    }

    @Test
    void aDisputeAfterAPartialRefundReversesOnlyWhatThePaymentStillHolds() {
        Object partly = event(new PaymentRefunded(PAYMENT, ACCOUNT, eur(1000), eur(1000), false, "ch_1"));
        fixture.given(requested(), succeeded(), partly)
                .when(dispute(eur(2500)), TENANT)
                .expectEvents(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(2500), eur(1500), "fraudulent"));
    }

    @Test
    void aRefundOfADisputedPaymentReversesNothingMore() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(refund(eur(1000)), TENANT)
                .expectEvents(new PaymentRefunded(PAYMENT, ACCOUNT, eur(0), eur(1000), false, "ch_1"));
    }

    @Test
    void aDisputeLargerThanThePaymentOrInAnotherCurrencyIsRefused() {
        fixture.given(requested(), succeeded())
                .when(dispute(eur(2501)), TENANT)
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(requested(), succeeded())
                .when(dispute(Money.of(2500, "USD")), TENANT)
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void aDisputeBeforeSuccessIsRefusedAsEarly() {
        fixture.given(requested(), event(new CheckoutIssued(PAYMENT, SESSION)))
                .when(dispute(eur(2500)), TENANT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage("payment pay-1 has not succeeded: nothing to dispute");
    }

    @Test
    void aWonDisputeRestoresWhatItsOpeningReversed() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(close(eur(2500), true), TENANT)
                .expectEvents(new DisputeWon(PAYMENT, ACCOUNT, "du_1", eur(2500)))
                .expectResultMessagePayload(new Payment.AccountEffect(null,
                        new RecordTopUp(ACCOUNT, eur(2500), "dispute won: du_1", null)));
    }

    @Test
    void aWonDisputeDoesNotRestoreWhatWasRefundedMeanwhile() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500),
                        event(new PaymentRefunded(PAYMENT, ACCOUNT, eur(0), eur(1000), false, "ch_1")))
                .when(close(eur(2500), true), TENANT)
                .expectEvents(new DisputeWon(PAYMENT, ACCOUNT, "du_1", eur(1500)));
    }

    @Test
    void aLostDisputeKeepsTheCreditReversed() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500))
                .when(close(eur(2500), false), TENANT)
                .expectEvents(new DisputeLost(PAYMENT, ACCOUNT, "du_1", eur(2500)))
                .expectResultMessagePayload(Payment.AccountEffect.none());
    }

    @Test
    void aClosedDisputeIgnoresFurtherCloses() {
        fixture.given(requested(), succeeded(), disputed(2500, 2500),
                        event(new DisputeLost(PAYMENT, ACCOUNT, "du_1", eur(2500))))
                .when(close(eur(2500), true), TENANT)
                .expectNoEvents();
    }

    @Test
    void aCloseThatArrivesBeforeTheOpeningOpensTheDisputeFirst() {
        fixture.given(requested(), succeeded())
                .when(close(eur(2500), false), TENANT)
                .expectEvents(new PaymentDisputed(PAYMENT, ACCOUNT, "du_1", eur(2500), eur(2500),
                                "closed before it was opened"),
                        new DisputeLost(PAYMENT, ACCOUNT, "du_1", eur(2500)))
                .expectResultMessagePayload(new Payment.AccountEffect(
                        new ReversePaymentCredit(ACCOUNT, eur(2500), "payment disputed: du_1"), null));
    }

    @Test
    void anotherTenantsCommandFindsNoSuchPayment() {
        fixture.given(requested())
                .when(new FailPayment(PAYMENT, false, "declined"), MetaData.with(MetadataKeys.TENANT, "tenant-b"))
                .expectException(NotFound.class);
    }
}
