package com.meterledger.core.meter;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.EvaluateSupply;
import com.meterledger.api.supply.NoteMeterReachable;
import com.meterledger.api.supply.ReachabilitySignal;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyBackOffEnded;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.supply.SupplyRetryDeferred;
import com.meterledger.api.supply.SupplyTrigger;
import com.meterledger.core.supply.AccountStanding;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.meterledger.core.meter.SupplyFixtures.ACCOUNT;
import static com.meterledger.core.meter.SupplyFixtures.AT_CUT_OFF;
import static com.meterledger.core.meter.SupplyFixtures.CUT;
import static com.meterledger.core.meter.SupplyFixtures.META;
import static com.meterledger.core.meter.SupplyFixtures.METER;
import static com.meterledger.core.meter.SupplyFixtures.MONDAY_NOON;
import static com.meterledger.core.meter.SupplyFixtures.TOPPED_UP;
import static com.meterledger.core.meter.SupplyFixtures.attached;
import static com.meterledger.core.meter.SupplyFixtures.decided;
import static com.meterledger.core.meter.SupplyFixtures.issued;
import static com.meterledger.core.meter.SupplyFixtures.registered;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * The reconciler backs off a meter whose commands are abandoned (the fixture's timing: 30 s to acknowledge, three
 * attempts, and the platform's back-off of one minute doubling to six hours), and stops backing off once the meter can
 * be reached again or its account intends the other action.
 */
class MeterSupplyBackOffTest {
    private static final Instant ABANDONED_AT = MONDAY_NOON;

    private AggregateTestFixture<Meter> fixture;
    private AccountStanding standing;

    @BeforeEach
    void setUp() {
        fixture = SupplyFixtures.meterFixture(() -> standing);
    }

    /** A depleted meter's cut went unanswered three times and was abandoned at noon, the second in a row. */
    private static Object[] cutAbandonedTwiceInARow() {
        return new Object[]{registered(), attached(), decided(SupplyDecision.CUT, "balance-at-cut-off"),
                issued(CUT, SupplyAction.CUT, 1), new SupplyCommandTimedOut(METER, CUT, SupplyAction.CUT, 1, false),
                new SupplyRetryDeferred(METER, CUT, SupplyAction.CUT, 2, ABANDONED_AT.plusSeconds(120))};
    }

    private static GenericCommandMessage<?> command(Object payload) {
        return (GenericCommandMessage<?>) GenericCommandMessage.asCommandMessage(payload).andMetaData(META);
    }

    @Test
    void theLastTimeOutOfACommandDefersTheNextAttemptByTheBackOffOfItsPlaceInTheRow() {
        standing = AT_CUT_OFF;
        fixture.given(cutAbandonedTwiceInARow())
                .andGivenCurrentTime(ABANDONED_AT.plusSeconds(120))
                .andGivenCommands(command(new ReconcileSupply(METER)))       // the wait is over: the third cut
                .whenTimeElapses(Duration.ofSeconds(30 + 60 + 120))          // three attempts go unanswered
                .expectTriggeredDeadlinesWithName(Meter.ACKNOWLEDGEMENT_DEADLINE, Meter.ACKNOWLEDGEMENT_DEADLINE,
                        Meter.ACKNOWLEDGEMENT_DEADLINE)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyCommandTimedOut t && t.willRetry()),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.attempt() == 2),
                        predicate(p -> p instanceof SupplyCommandTimedOut t && t.willRetry()),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.attempt() == 3),
                        predicate(p -> p instanceof SupplyCommandTimedOut t && !t.willRetry()),
                        predicate(p -> p instanceof SupplyRetryDeferred d && d.action() == SupplyAction.CUT
                                && d.abandonmentsInARow() == 3),
                        andNoMore())))
                // four minutes (the third in a row) from the abandonment, read from the clock the deadline ran on
                .expectEventsMatching(predicate((List<EventMessage<?>> events) -> {
                    EventMessage<?> deferred = events.getLast();
                    Duration wait = Duration.between(deferred.getTimestamp(),
                            ((SupplyRetryDeferred) deferred.getPayload()).notBefore());
                    return wait.compareTo(Duration.ofMinutes(4)) <= 0
                            && wait.compareTo(Duration.ofMinutes(4).minusSeconds(1)) > 0;
                }));
    }

    @Test
    void theLastFailureOfACommandDefersItsNextAttemptToo() {
        fixture.given(registered(), attached(), issued(CUT, SupplyAction.CUT, 3))
                .andGivenCurrentTime(ABANDONED_AT)
                .when(new ConfirmSupplyCommand(METER, CUT, false, "relay stuck"), META)
                .expectEvents(new SupplyCommandFailed(METER, CUT, SupplyAction.CUT, "relay stuck", 3, false),
                        new SupplyRetryDeferred(METER, CUT, SupplyAction.CUT, 1, ABANDONED_AT.plusSeconds(60)));
    }

    @Test
    void theReconcilerDoesNotIssueTheSameActionBeforeTheBackOffEnds() {
        standing = AT_CUT_OFF;
        fixture.given(cutAbandonedTwiceInARow())
                .andGivenCurrentTime(ABANDONED_AT.plusSeconds(119))
                .when(new ReconcileSupply(METER), META)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void theReconcilerIssuesTheSameActionOnceTheBackOffIsOver() {
        standing = AT_CUT_OFF;
        fixture.given(cutAbandonedTwiceInARow())
                .andGivenCurrentTime(ABANDONED_AT.plusSeconds(120))
                .when(new ReconcileSupply(METER), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.CUT),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.CUT),
                        andNoMore())));
    }

    @Test
    void aTopUpAboveTheReconnectLevelRestoresAtOnceWhateverTheBackOffOfTheCut() {
        standing = TOPPED_UP;
        fixture.given(cutAbandonedTwiceInARow())
                .andGivenCurrentTime(ABANDONED_AT.plusSeconds(1))
                .when(new EvaluateSupply(METER, ACCOUNT, SupplyTrigger.RECONNECT_LEVEL_REACHED), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.RESTORE),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.RESTORE),
                        andNoMore())));
    }

    @Test
    void theReconcilerRestoresAtOnceTooWhenTheAccountIntendsTheOtherActionThanTheOneAbandoned() {
        standing = TOPPED_UP;
        fixture.given(cutAbandonedTwiceInARow())
                .andGivenCurrentTime(ABANDONED_AT.plusSeconds(1))
                .when(new ReconcileSupply(METER), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.RESTORE
                                && d.rule().equals("reconciled-balance-above-reconnect-level")),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.RESTORE),
                        andNoMore())));
    }

    @Test
    void aGatewayBackOnlineEndsTheBackOffAndTheCommandGoesDownAtOnce() {
        standing = AT_CUT_OFF;
        fixture.given(cutAbandonedTwiceInARow())
                .andGivenCurrentTime(ABANDONED_AT.plusSeconds(1))
                .when(new NoteMeterReachable(METER, ReachabilitySignal.GATEWAY_BACK_ONLINE), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p.equals(new SupplyBackOffEnded(METER, ReachabilitySignal.GATEWAY_BACK_ONLINE))),
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.CUT),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.CUT
                                && c.attempt() == 1),
                        andNoMore())))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), Meter.ACKNOWLEDGEMENT_DEADLINE);
    }

    @Test
    void aMeterThatIsNotBackingOffIgnoresTheSignThatItCanBeReached() {
        standing = AT_CUT_OFF;
        fixture.given(registered(), attached(), decided(SupplyDecision.CUT, "balance-at-cut-off"),
                        issued(CUT, SupplyAction.CUT, 1), new SupplyCommandTimedOut(METER, CUT, SupplyAction.CUT, 1, false))
                .when(new NoteMeterReachable(METER, ReachabilitySignal.GATEWAY_ATTACHED), META)
                .expectNoEvents();
    }

    @Test
    void aReadingFromTheMeterEndsTheBackOffForTheNextPass() {
        standing = AT_CUT_OFF;
        fixture.given(cutAbandonedTwiceInARow())
                .andGiven(new ReadingRecorded(METER, ACCOUNT, Instant.parse("2026-01-01T00:00:00Z"),
                        ABANDONED_AT.minusSeconds(1), new BigDecimal("3"), new BigDecimal("3"), new TreeMap<>(),
                        new TreeMap<>()))
                .andGivenCurrentTime(ABANDONED_AT.plusSeconds(1))
                .when(new ReconcileSupply(METER), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.CUT),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.CUT),
                        andNoMore())));
    }

    @Test
    void aLateAnswerToTheAbandonedCommandIsIgnoredButEndsTheBackOff() {
        fixture.given(cutAbandonedTwiceInARow())
                .when(new ConfirmSupplyCommand(METER, CUT, true, null), META)
                .expectEvents(new SupplyBackOffEnded(METER, ReachabilitySignal.LATE_ACKNOWLEDGEMENT))
                .expectResultMessagePayloadMatching(predicate(result -> result instanceof AcknowledgementOutcome o
                        && o.ignored() && o.rule().equals(AcknowledgementOutcome.NOT_PENDING)));
    }

    @Test
    void aMeterOfAnotherTenantIsNotTold() {
        fixture.given(cutAbandonedTwiceInARow())
                .when(new NoteMeterReachable(METER, ReachabilitySignal.GATEWAY_BACK_ONLINE),
                        Map.of(MetadataKeys.TENANT, "tenant-b"))
                .expectNoEvents()
                .expectException(NotFound.class);
    }
}
