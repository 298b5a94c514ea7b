package com.meterledger.core.meter;

import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.EvaluateSupply;
import com.meterledger.api.supply.ProtectMeter;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.supply.SupplyTrigger;
import com.meterledger.core.supply.AccountStanding;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import static com.meterledger.core.meter.SupplyFixtures.ACCOUNT;
import static com.meterledger.core.meter.SupplyFixtures.AT_CUT_OFF;
import static com.meterledger.core.meter.SupplyFixtures.attached;
import static com.meterledger.core.meter.SupplyFixtures.CUT;
import static com.meterledger.core.meter.SupplyFixtures.decided;
import static com.meterledger.core.meter.SupplyFixtures.issued;
import static com.meterledger.core.meter.SupplyFixtures.META;
import static com.meterledger.core.meter.SupplyFixtures.METER;
import static com.meterledger.core.meter.SupplyFixtures.MONDAY_NOON;
import static com.meterledger.core.meter.SupplyFixtures.registered;
import static com.meterledger.core.meter.SupplyFixtures.RESTORE;
import static com.meterledger.core.meter.SupplyFixtures.TOPPED_UP;

/**
 * Issue 19: the meter decides on its account's standing now, whatever the trigger; the reconciler's request issues
 * the command the standing intends unless one is already heading there; an acknowledgement that records nothing says
 * so and why.
 */
class MeterSupplyReconcileTest {
    private static final Instant SATURDAY_NOON = Instant.parse("2026-01-10T12:00:00Z");
    private static final Instant NEXT_MONDAY_NOON = Instant.parse("2026-01-12T12:00:00Z");
    private static final AccountStanding BETWEEN_LEVELS = new AccountStanding(ACCOUNT, 50, 0, 100, true, true);

    private AggregateTestFixture<Meter> fixture;
    private AccountStanding standing;

    @BeforeEach
    void setUp() {
        fixture = SupplyFixtures.meterFixture(() -> standing);
    }

    private static Object[] cutThenAbandonedUnanswered() {
        return new Object[]{registered(), attached(), decided(SupplyDecision.CUT, "balance-at-cut-off"),
                issued(CUT, SupplyAction.CUT, 1), new SupplyCommandTimedOut(METER, CUT, SupplyAction.CUT, 1, false)};
    }

    private static GenericCommandMessage<?> command(Object payload) {
        return (GenericCommandMessage<?>) GenericCommandMessage.asCommandMessage(payload).andMetaData(META);
    }

    @Test
    void aDepletionHandledAfterATopUpEndedItCutsNothing() {
        standing = TOPPED_UP;
        fixture.given(registered(), attached())
                .andGivenCurrentTime(MONDAY_NOON)
                .when(new EvaluateSupply(METER, ACCOUNT, SupplyTrigger.DEPLETED), META)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aReconnectHandledAfterANewDepletionRestoresNothing() {
        standing = AT_CUT_OFF;
        fixture.given(cutThenAbandonedUnanswered())
                .andGiven(decided(SupplyDecision.CUT, "operator"), issued(RESTORE, SupplyAction.CUT, 1),
                        new SupplyCommandConfirmed(METER, RESTORE, SupplyAction.CUT))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(new EvaluateSupply(METER, ACCOUNT, SupplyTrigger.RECONNECT_LEVEL_REACHED), META)
                .expectNoEvents();
    }

    @Test
    void aFriendlyWindowsDeadlineDoesNothingOnceATopUpEndedTheDepletionItDeferred() {
        fixture.given(registered(), attached())
                .andGivenCurrentTime(SATURDAY_NOON)
                .andGivenCommands(depleted())                                   // DEFER until Monday
                .andGivenCommands(toppedUp())                                   // supply-already-on
                .andGivenCommands(command(new ProtectMeter(METER, true, "medical")), depleted())   // KEEP_ON
                .whenTimeAdvancesTo(NEXT_MONDAY_NOON)
                .expectTriggeredDeadlinesWithName(Meter.WINDOW_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void theReconcilerRestoresAMeterLeftInDoubtWithNoLaterTopUp() {
        standing = TOPPED_UP;
        fixture.given(cutThenAbandonedUnanswered())
                .andGivenCurrentTime(MONDAY_NOON)
                .when(new ReconcileSupply(METER), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.RESTORE
                                && d.rule().equals("reconciled-balance-above-reconnect-level")),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.RESTORE
                                && c.rule().equals("reconciled-balance-above-reconnect-level") && c.attempt() == 1),
                        andNoMore())))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), Meter.ACKNOWLEDGEMENT_DEADLINE);
    }

    @Test
    void theReconcilerCutsADepletedMeterLeftOnOutsideTheWindow() {
        standing = AT_CUT_OFF;
        fixture.given(registered(), attached(), decided(SupplyDecision.DEFER, "friendly-window"))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(new ReconcileSupply(METER), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.CUT
                                && d.rule().equals("reconciled-balance-at-cut-off")),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.CUT),
                        andNoMore())));
    }

    @Test
    void aSecondReconcileRequestFindsTheCommandPendingAndDoesNothing() {
        standing = TOPPED_UP;
        fixture.given(cutThenAbandonedUnanswered())
                .andGiven(decided(SupplyDecision.RESTORE, "reconciled-balance-above-reconnect-level"),
                        issued(RESTORE, SupplyAction.RESTORE, 1))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(new ReconcileSupply(METER), META)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void theReconcilerHoldsWhatNoRuleMayChange() {
        standing = BETWEEN_LEVELS;                   // no cut above the cut-off, no restore below the reconnect level
        fixture.given(cutThenAbandonedUnanswered())
                .andGivenCurrentTime(MONDAY_NOON)
                .when(new ReconcileSupply(METER), META)
                .expectNoEvents();
        standing = AT_CUT_OFF;                       // inside the weekend's friendly window
        fixture.given(registered(), attached(), decided(SupplyDecision.DEFER, "friendly-window"))
                .andGivenCurrentTime(SATURDAY_NOON)
                .when(new ReconcileSupply(METER), META)
                .expectNoEvents();
        standing = TOPPED_UP;                        // an operator's cut stands against the reconciler
        fixture.given(registered(), attached(), decided(SupplyDecision.CUT, "operator"),
                        issued(CUT, SupplyAction.CUT, 1), new SupplyCommandConfirmed(METER, CUT, SupplyAction.CUT))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(new ReconcileSupply(METER), META)
                .expectNoEvents();
    }

    @Test
    void anAcknowledgementOfACommandNoLongerPendingIsAnsweredIgnoredWithItsReason() {
        fixture.given(cutThenAbandonedUnanswered())
                .when(new ConfirmSupplyCommand(METER, CUT, true, null), META)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof AcknowledgementOutcome o
                        && o.ignored() && o.rule().equals(AcknowledgementOutcome.NOT_PENDING)));
    }

    @Test
    void aRedeliveredAcknowledgementIsAnsweredAlreadyConfirmed() {
        fixture.given(registered(), attached(), issued(CUT, SupplyAction.CUT, 1),
                        new SupplyCommandConfirmed(METER, CUT, SupplyAction.CUT))
                .when(new ConfirmSupplyCommand(METER, CUT, false, "contradicts the first"), META)
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof AcknowledgementOutcome o
                        && o.ignored() && o.rule().equals(AcknowledgementOutcome.ALREADY_CONFIRMED)));
    }

    @Test
    void theAcknowledgementOfThePendingCommandIsRecorded() {
        fixture.given(registered(), attached(), issued(CUT, SupplyAction.CUT, 1))
                .when(new ConfirmSupplyCommand(METER, CUT, true, null), META)
                .expectEvents(new SupplyCommandConfirmed(METER, CUT, SupplyAction.CUT))
                .expectResultMessagePayload(AcknowledgementOutcome.recorded());
    }

    private GenericCommandMessage<?> depleted() {
        standing = AT_CUT_OFF;
        return command(new EvaluateSupply(METER, ACCOUNT, SupplyTrigger.DEPLETED));
    }

    private GenericCommandMessage<?> toppedUp() {
        standing = TOPPED_UP;
        return command(new EvaluateSupply(METER, ACCOUNT, SupplyTrigger.RECONNECT_LEVEL_REACHED));
    }
}
