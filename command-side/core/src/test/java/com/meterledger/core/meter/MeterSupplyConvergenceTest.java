package com.meterledger.core.meter;

import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.EvaluateSupply;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.supply.SupplyTrigger;
import com.meterledger.core.supply.AccountStanding;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
 * Issue 19: supply converges whatever happened to the commands before. The meter's belief about its relay is only
 * as good as the acknowledgements it recorded: a command that ended without one (abandoned, or replaced by another
 * command) leaves the relay in doubt, and a decision taken in doubt sends a command instead of assuming nothing moved.
 */
class MeterSupplyConvergenceTest {
    /** A weekday: outside the weekend window below, so a depletion is cut at once. */
    private static final SupplyCommandId OTHER = new SupplyCommandId("cut-2");

    private AggregateTestFixture<Meter> fixture;
    private AccountStanding standing;

    @BeforeEach
    void setUp() {
        fixture = SupplyFixtures.meterFixture(() -> standing);
    }

    /** A top-up took the account above its reconnect level, and supply control evaluates it. */
    private EvaluateSupply topUp() {
        standing = TOPPED_UP;
        return new EvaluateSupply(METER, ACCOUNT, SupplyTrigger.RECONNECT_LEVEL_REACHED);
    }

    /** The account is depleted at its cut-off level, and supply control evaluates it. */
    private EvaluateSupply depleted() {
        standing = AT_CUT_OFF;
        return new EvaluateSupply(METER, ACCOUNT, SupplyTrigger.DEPLETED);
    }

    /** The history of issue 19 up to the cut: deferred by the weekend, topped up, depleted again and cut. */
    private static Object[] deferredToppedUpDepletedAndCut() {
        return new Object[]{registered(), attached(),
                decided(SupplyDecision.DEFER, "friendly-window"),
                decided(SupplyDecision.RESTORE, "supply-already-on"),
                decided(SupplyDecision.CUT, "balance-at-cut-off"), issued(CUT, SupplyAction.CUT, 1)};
    }

    @Test
    void aCutAbandonedWithoutAnswerLeavesTheRelayInDoubtSoTheNextTopUpRestoresSupply() {
        fixture.given(deferredToppedUpDepletedAndCut())
                .andGiven(new SupplyCommandTimedOut(METER, CUT, SupplyAction.CUT, 1, true), issued(CUT, SupplyAction.CUT, 2),
                        new SupplyCommandTimedOut(METER, CUT, SupplyAction.CUT, 2, true), issued(CUT, SupplyAction.CUT, 3),
                        new SupplyCommandTimedOut(METER, CUT, SupplyAction.CUT, 3, false))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(topUp(), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.RESTORE
                                && d.rule().equals("top-up-above-reconnect-level")),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.RESTORE
                                && c.attempt() == 1),
                        andNoMore())))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), Meter.ACKNOWLEDGEMENT_DEADLINE);
    }

    @Test
    void aCutReplacedByAnotherCommandLeavesTheRelayInDoubtSoTheNextTopUpRestoresSupply() {
        fixture.given(deferredToppedUpDepletedAndCut())
                .andGiven(decided(SupplyDecision.CUT, "operator"),
                        new SupplyCommandIssued(METER, OTHER, SupplyAction.CUT, "meter inspection", 1),
                        new SupplyCommandTimedOut(METER, OTHER, SupplyAction.CUT, 1, false))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(topUp(), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.RESTORE
                                && d.rule().equals("top-up-above-reconnect-level")),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.RESTORE),
                        andNoMore())));
    }

    @Test
    void aDepletionWhileARestoreIsOnItsWayCutsInsteadOfLeavingSupplyOn() {
        fixture.given(deferredToppedUpDepletedAndCut())
                .andGiven(new SupplyCommandConfirmed(METER, CUT, SupplyAction.CUT),
                        decided(SupplyDecision.RESTORE, "top-up-above-reconnect-level"),
                        issued(RESTORE, SupplyAction.RESTORE, 1))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(depleted(), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.CUT
                                && d.rule().equals("balance-at-cut-off")),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.CUT),
                        andNoMore())));
    }

    @Test
    void theAcknowledgementOfAReplacedRestoreDoesNotCountAsTheCutThatReplacedIt() {
        fixture.given(deferredToppedUpDepletedAndCut())
                .andGiven(new SupplyCommandConfirmed(METER, CUT, SupplyAction.CUT),
                        decided(SupplyDecision.RESTORE, "top-up-above-reconnect-level"),
                        issued(RESTORE, SupplyAction.RESTORE, 1),
                        decided(SupplyDecision.CUT, "balance-at-cut-off"), issued(OTHER, SupplyAction.CUT, 1))
                .when(new ConfirmSupplyCommand(METER, RESTORE, true, null), META)
                .expectNoEvents();
    }

    @Test
    void aTopUpWhileSupplyIsConfirmedOnAndNothingIsUnderWaySendsNoCommand() {
        fixture.given(registered(), attached(), decided(SupplyDecision.DEFER, "friendly-window"))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(topUp(), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.RESTORE
                                && d.rule().equals("supply-already-on")),
                        andNoMore())))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDepletionAfterTheRelayWasLeftInDoubtIsCutEvenThoughNoCutWasEverConfirmed() {
        fixture.given(registered(), attached(), decided(SupplyDecision.RESTORE, "operator"),
                        issued(RESTORE, SupplyAction.RESTORE, 1),
                        new SupplyCommandTimedOut(METER, RESTORE, SupplyAction.RESTORE, 1, false))
                .andGivenCurrentTime(MONDAY_NOON)
                .when(depleted(), META)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(p -> p instanceof SupplyDecisionRecorded d && d.decision() == SupplyDecision.CUT),
                        predicate(p -> p instanceof SupplyCommandIssued c && c.action() == SupplyAction.CUT),
                        andNoMore())));
    }
}
