package com.meterledger.core.supply;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterDetachedFromAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.MeterProtectionChanged;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.supply.SupplyTrigger;
import com.meterledger.core.supply.SupplyPolicy.Heading;
import com.meterledger.core.supply.SupplyRelay.Decision;
import com.meterledger.core.supply.SupplyRelay.PendingCommand;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supply relay's state machine without Axon or Spring: a relay is built from the meter's events, asked what a
 * trigger, an acknowledgement or a time-out does, and answers with a verdict. Cut-off 0 and reconnect 100
 * throughout; three attempts per command.
 */
class SupplyRelayTest {
    private static final MeterId METER = new MeterId("m-1");
    private static final AccountId ACCOUNT = new AccountId("a-1");
    private static final SupplyCommandId CUT = new SupplyCommandId("cut-1");
    private static final SupplyCommandId RESTORE = new SupplyCommandId("restore-1");
    private static final int ATTEMPTS = 3;
    private static final AccountStanding TOPPED_UP = new AccountStanding(ACCOUNT, 900, 0, 100, false, true);
    private static final AccountStanding AT_CUT_OFF = new AccountStanding(ACCOUNT, -100, 0, 100, true, true);

    /** A relay that has seen these events, in order. */
    private static SupplyRelay relay(Object... events) {
        SupplyRelay relay = new SupplyRelay();
        for (Object event : events) {
            switch (event) {
                case SupplyDecisionRecorded decided -> relay.on(decided);
                case SupplyCommandIssued issued -> relay.on(issued);
                case SupplyCommandConfirmed confirmed -> relay.on(confirmed);
                case SupplyCommandFailed failed -> relay.on(failed);
                case SupplyCommandTimedOut timedOut -> relay.on(timedOut);
                case MeterProtectionChanged protection -> relay.on(protection);
                case MeterDetachedFromAccount detached -> relay.on(detached);
                default -> throw new IllegalArgumentException("not an event of the relay: " + event);
            }
        }
        return relay;
    }

    private static SupplyDecisionRecorded decided(SupplyDecision decision, String rule) {
        return new SupplyDecisionRecorded(METER, ACCOUNT, decision, rule, "as decided then");
    }

    private static SupplyCommandIssued issued(SupplyCommandId id, SupplyAction action, int attempt) {
        return new SupplyCommandIssued(METER, id, action, "balance-at-cut-off", attempt);
    }

    private static SupplyCommandConfirmed confirmed(SupplyCommandId id, SupplyAction action) {
        return new SupplyCommandConfirmed(METER, id, action);
    }

    private static SupplyCommandTimedOut timedOut(SupplyCommandId id, SupplyAction action, int attempt, boolean retry) {
        return new SupplyCommandTimedOut(METER, id, action, attempt, retry);
    }

    private static MeterProtectionChanged protectedFromCuts(boolean protect) {
        return new MeterProtectionChanged(METER, protect, "medical equipment");
    }

    /** Depleted at a weekday's cut-off, cut, and the cut confirmed: supply is off. */
    private static Object[] cutConfirmed() {
        return new Object[]{decided(SupplyDecision.CUT, "balance-at-cut-off"), issued(CUT, SupplyAction.CUT, 1),
                confirmed(CUT, SupplyAction.CUT)};
    }

    /** Depleted and cut, and the cut abandoned after its last attempt went unanswered. */
    private static Object[] cutAbandoned() {
        return new Object[]{decided(SupplyDecision.CUT, "balance-at-cut-off"), issued(CUT, SupplyAction.CUT, 1),
                timedOut(CUT, SupplyAction.CUT, 1, true), issued(CUT, SupplyAction.CUT, 2),
                timedOut(CUT, SupplyAction.CUT, 2, true), issued(CUT, SupplyAction.CUT, 3),
                timedOut(CUT, SupplyAction.CUT, 3, false)};
    }

    private static Decision command(SupplyDecision decision, String rule, SupplyAction action) {
        return new Decision(decision, rule, null, Optional.of(action));
    }

    /** A decision with its detail left out: the detail is words for people, the rest is what the meter acts on. */
    private static Optional<Decision> withoutDetail(Optional<Decision> decision) {
        return decision.map(d -> new Decision(d.decision(), d.rule(), null, d.command()));
    }

    // where the relay is heading

    @Test
    void aNewMetersRelayIsOn() {
        assertThat(relay().heading()).isEqualTo(Heading.ON);
    }

    @Test
    void aCommandUnderWayHeadsTheRelayWhereItSendsItBeforeAnyAcknowledgement() {
        assertThat(relay(issued(CUT, SupplyAction.CUT, 1)).heading()).isEqualTo(Heading.OFF);
        assertThat(relay(cutConfirmed()).heading()).isEqualTo(Heading.OFF);
        assertThat(relay(issued(RESTORE, SupplyAction.RESTORE, 1)).heading()).isEqualTo(Heading.ON);
    }

    @Test
    void aCommandAbandonedUnansweredLeavesTheRelayInDoubt() {
        assertThat(relay(cutAbandoned()).heading()).isEqualTo(Heading.UNKNOWN);
    }

    @Test
    void aCommandReplacedBeforeItWasAnsweredLeavesTheRelayInDoubtOnceTheNewOneIsOver() {
        SupplyRelay replaced = relay(issued(CUT, SupplyAction.CUT, 1), issued(RESTORE, SupplyAction.RESTORE, 1));
        assertThat(replaced.heading()).isEqualTo(Heading.ON);

        SupplyRelay failed = relay(issued(CUT, SupplyAction.CUT, 1), issued(RESTORE, SupplyAction.RESTORE, 1),
                new SupplyCommandFailed(METER, RESTORE, SupplyAction.RESTORE, "relay stuck", 1, false));
        assertThat(failed.heading()).isEqualTo(Heading.UNKNOWN);
    }

    @Test
    void aFailureTheMeterReportedLeavesTheRelayWhereItWasConfirmed() {
        SupplyRelay relay = relay(decided(SupplyDecision.RESTORE, "top-up-above-reconnect-level"),
                issued(RESTORE, SupplyAction.RESTORE, 1),
                new SupplyCommandFailed(METER, RESTORE, SupplyAction.RESTORE, "relay stuck", 1, false));

        assertThat(relay.heading()).isEqualTo(Heading.ON);
    }

    @Test
    void aConfirmationEndsTheDoubt() {
        SupplyRelay relay = relay(cutAbandoned());
        relay.on(issued(RESTORE, SupplyAction.RESTORE, 1));
        relay.on(confirmed(RESTORE, SupplyAction.RESTORE));

        assertThat(relay.heading()).isEqualTo(Heading.ON);
    }

    @Test
    void aRetryOfTheSameCommandDoesNotPutTheRelayInDoubt() {
        SupplyRelay relay = relay(issued(CUT, SupplyAction.CUT, 1), timedOut(CUT, SupplyAction.CUT, 1, true),
                issued(CUT, SupplyAction.CUT, 2),
                new SupplyCommandFailed(METER, CUT, SupplyAction.CUT, "relay stuck", 2, false));

        assertThat(relay.heading()).as("the meter said its last attempt did not move the relay").isEqualTo(Heading.ON);
    }

    // what a trigger decides

    @Test
    void aDepletionAtTheCutOffOutsideTheWindowCutsWithTheRuleThatFired() {
        assertThat(withoutDetail(relay().decide(SupplyTrigger.DEPLETED, AT_CUT_OFF, false)))
                .contains(command(SupplyDecision.CUT, "balance-at-cut-off", SupplyAction.CUT));
    }

    @Test
    void aDepletionInsideTheFriendlyWindowDefersTheCutToTheWindowsEnd() {
        Decision deferred = relay().decide(SupplyTrigger.DEPLETED, AT_CUT_OFF, true).orElseThrow();

        assertThat(deferred.decision()).isEqualTo(SupplyDecision.DEFER);
        assertThat(deferred.rule()).isEqualTo("friendly-window");
        assertThat(deferred.command()).isEmpty();
        assertThat(deferred.waitsForWindowEnd()).isTrue();
    }

    @Test
    void aProtectedMeterIsKeptOnAndTheKeepOnIsRecordedWithoutACommand() {
        Decision kept = relay(protectedFromCuts(true)).decide(SupplyTrigger.DEPLETED, AT_CUT_OFF, false)
                .orElseThrow();

        assertThat(kept.decision()).isEqualTo(SupplyDecision.KEEP_ON);
        assertThat(kept.rule()).isEqualTo("keep-on-protection");
        assertThat(kept.command()).isEmpty();
        assertThat(kept.waitsForWindowEnd()).isFalse();
    }

    @Test
    void aRepeatedDepletionIsNotDecidedAgainSoNoSecondCutIsSent() {
        SupplyRelay cutUnderWay = relay(decided(SupplyDecision.CUT, "balance-at-cut-off"),
                issued(CUT, SupplyAction.CUT, 1));

        assertThat(cutUnderWay.decide(SupplyTrigger.DEPLETED, AT_CUT_OFF, false)).isEmpty();
        assertThat(relay(decided(SupplyDecision.DEFER, "friendly-window"))
                .decide(SupplyTrigger.DEPLETED, AT_CUT_OFF, false)).isEmpty();
    }

    @Test
    void theWindowsEndCutsTheDepletionItHeldUnlessATopUpEndedIt() {
        SupplyRelay deferred = relay(decided(SupplyDecision.DEFER, "friendly-window"));
        assertThat(withoutDetail(deferred.decide(SupplyTrigger.WINDOW_ENDED, AT_CUT_OFF, false)))
                .contains(command(SupplyDecision.CUT, "balance-at-cut-off", SupplyAction.CUT));

        SupplyRelay toppedUp = relay(decided(SupplyDecision.DEFER, "friendly-window"),
                decided(SupplyDecision.RESTORE, SupplyRelay.SUPPLY_ALREADY_ON));
        assertThat(toppedUp.decide(SupplyTrigger.WINDOW_ENDED, AT_CUT_OFF, false)).isEmpty();
    }

    @Test
    void aDeferralsDeadlineStandsUntilTheNextDecision() {
        SupplyRelay deferred = relay(decided(SupplyDecision.CUT, "balance-at-cut-off"),
                decided(SupplyDecision.RESTORE, "top-up-above-reconnect-level"),
                decided(SupplyDecision.DEFER, "friendly-window"));
        assertThat(deferred.decisions()).isEqualTo(3);
        assertThat(deferred.deferralStands(3L)).isTrue();
        assertThat(deferred.deferralStands(null)).as("a deadline set before it carried the count").isTrue();

        deferred.on(decided(SupplyDecision.RESTORE, "top-up-above-reconnect-level"));
        assertThat(deferred.deferralStands(3L)).as("outdated by the top-up").isFalse();
    }

    @Test
    void aTopUpRestoresARelayThatWasCut() {
        assertThat(withoutDetail(relay(cutConfirmed())
                .decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, TOPPED_UP, false)))
                .contains(command(SupplyDecision.RESTORE, "top-up-above-reconnect-level", SupplyAction.RESTORE));
    }

    @Test
    void aTopUpRestoresARelayLeftInDoubtAlthoughNoCutWasEverConfirmed() {
        assertThat(relay(cutAbandoned()).decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, TOPPED_UP, false)
                .orElseThrow().command()).contains(SupplyAction.RESTORE);
    }

    @Test
    void aTopUpEndingADeferredDepletionIsRecordedAsSupplyAlreadyOnWithoutACommand() {
        Decision decision = relay(decided(SupplyDecision.DEFER, "friendly-window"))
                .decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, TOPPED_UP, false).orElseThrow();

        assertThat(decision.decision()).isEqualTo(SupplyDecision.RESTORE);
        assertThat(decision.rule()).isEqualTo(SupplyRelay.SUPPLY_ALREADY_ON);
        assertThat(decision.command()).isEmpty();
    }

    @Test
    void aRepeatedTopUpWhileARestoreIsUnderWaySendsNoSecondRestore() {
        SupplyRelay restoring = relay(cutConfirmed());
        restoring.on(decided(SupplyDecision.RESTORE, "top-up-above-reconnect-level"));
        restoring.on(issued(RESTORE, SupplyAction.RESTORE, 1));

        assertThat(restoring.decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, TOPPED_UP, false)).isEmpty();
    }

    @Test
    void aTopUpWhileSupplyIsConfirmedOnAndNothingIsDepletedDecidesNothing() {
        assertThat(relay().decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, TOPPED_UP, false)).isEmpty();
    }

    @Test
    void aStaleTriggerDecidesOnTheStandingNowNotOnWhatTheTriggerStoodFor() {
        assertThat(relay().decide(SupplyTrigger.DEPLETED, TOPPED_UP, false)).isEmpty();
        assertThat(relay(cutConfirmed()).decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, AT_CUT_OFF, false))
                .isEmpty();
    }

    @Test
    void aDepletionWhileARestoreIsUnderWayCuts() {
        SupplyRelay restoring = relay(cutConfirmed());
        restoring.on(decided(SupplyDecision.RESTORE, "top-up-above-reconnect-level"));
        restoring.on(issued(RESTORE, SupplyAction.RESTORE, 1));

        assertThat(restoring.decide(SupplyTrigger.DEPLETED, AT_CUT_OFF, false).orElseThrow().command())
                .contains(SupplyAction.CUT);
    }

    // what the reconciler decides

    @Test
    void theReconcilerRestoresARelayInDoubtUnderATopUpWithItsOwnRule() {
        assertThat(withoutDetail(relay(cutAbandoned()).decide(SupplyTrigger.RECONCILE, TOPPED_UP, false)))
                .contains(command(SupplyDecision.RESTORE, "reconciled-balance-above-reconnect-level",
                        SupplyAction.RESTORE));
    }

    @Test
    void theReconcilerCutsADepletedRelayLeftOn() {
        SupplyRelay failedCut = relay(decided(SupplyDecision.CUT, "balance-at-cut-off"),
                issued(CUT, SupplyAction.CUT, 1),
                new SupplyCommandFailed(METER, CUT, SupplyAction.CUT, "relay stuck", 1, false));

        assertThat(withoutDetail(failedCut.decide(SupplyTrigger.RECONCILE, AT_CUT_OFF, false)))
                .contains(command(SupplyDecision.CUT, "reconciled-balance-at-cut-off", SupplyAction.CUT));
    }

    @Test
    void theReconcilerLeavesACommandAlreadyHeadingTheIntendedWay() {
        assertThat(relay(issued(RESTORE, SupplyAction.RESTORE, 1)).decide(SupplyTrigger.RECONCILE, TOPPED_UP,
                false)).isEmpty();
    }

    @Test
    void theReconcilerDoesNotUndoAnOperatorsCutButATopUpDoes() {
        SupplyRelay operatorCut = relay(decided(SupplyDecision.CUT, SupplyRelay.OPERATOR),
                issued(CUT, SupplyAction.CUT, 1), confirmed(CUT, SupplyAction.CUT));

        assertThat(operatorCut.decide(SupplyTrigger.RECONCILE, TOPPED_UP, false)).isEmpty();
        assertThat(operatorCut.decide(SupplyTrigger.RECONNECT_LEVEL_REACHED, TOPPED_UP, false).orElseThrow()
                .command()).contains(SupplyAction.RESTORE);
    }

    @Test
    void theReconcilerDoesNotUndoAnOperatorsRestoreOfADepletedAccount() {
        SupplyRelay operatorRestore = relay(cutConfirmed());
        operatorRestore.on(decided(SupplyDecision.RESTORE, SupplyRelay.OPERATOR));
        operatorRestore.on(issued(RESTORE, SupplyAction.RESTORE, 1));
        operatorRestore.on(confirmed(RESTORE, SupplyAction.RESTORE));

        assertThat(operatorRestore.decide(SupplyTrigger.RECONCILE, AT_CUT_OFF, false)).isEmpty();
    }

    @Test
    void theReconcilerHoldsAProtectedMeterAndOneInsideTheWindow() {
        SupplyRelay depletedAndOn = relay(decided(SupplyDecision.DEFER, "friendly-window"));
        assertThat(depletedAndOn.decide(SupplyTrigger.RECONCILE, AT_CUT_OFF, true)).isEmpty();

        depletedAndOn.on(protectedFromCuts(true));
        assertThat(depletedAndOn.decide(SupplyTrigger.RECONCILE, AT_CUT_OFF, false)).isEmpty();
    }

    // what an acknowledgement means

    @Test
    void theAcknowledgementOfThePendingCommandConfirmsIt() {
        SupplyRelay relay = relay(issued(CUT, SupplyAction.CUT, 2));

        assertThat(relay.acknowledge(CUT, true, ATTEMPTS)).isEqualTo(new SupplyRelay.Confirmed(
                new PendingCommand(CUT, SupplyAction.CUT, "balance-at-cut-off", 2)));
    }

    @Test
    void aFailureIsSentAgainAsTheNextAttemptUntilTheLast() {
        PendingCommand first = new PendingCommand(CUT, SupplyAction.CUT, "balance-at-cut-off", 1);
        assertThat(relay(issued(CUT, SupplyAction.CUT, 1)).acknowledge(CUT, false, ATTEMPTS))
                .isEqualTo(new SupplyRelay.Failed(first, Optional.of(first.nextAttempt())));
        assertThat(first.nextAttempt().attempt()).isEqualTo(2);

        assertThat(relay(issued(CUT, SupplyAction.CUT, 3)).acknowledge(CUT, false, ATTEMPTS))
                .isEqualTo(new SupplyRelay.Failed(new PendingCommand(CUT, SupplyAction.CUT, "balance-at-cut-off",
                        3), Optional.empty()));
    }

    @Test
    void aRedeliveredAcknowledgementOfTheConfirmedCommandIsIgnoredAsAlreadyConfirmed() {
        SupplyRelay.Acknowledgement again = relay(cutConfirmed()).acknowledge(CUT, false, ATTEMPTS);

        assertThat(again).isEqualTo(new SupplyRelay.Ignored(CUT, AcknowledgementOutcome.ALREADY_CONFIRMED));
        AcknowledgementOutcome outcome = ((SupplyRelay.Ignored) again).outcome(METER);
        assertThat(outcome.ignored()).isTrue();
        assertThat(outcome.detail()).contains("cut-1", "m-1", "already confirmed");
    }

    @Test
    void aStaleAcknowledgementOfAReplacedCommandIsIgnoredAsNotPending() {
        SupplyRelay replaced = relay(issued(CUT, SupplyAction.CUT, 1), issued(RESTORE, SupplyAction.RESTORE, 1));

        assertThat(replaced.acknowledge(CUT, true, ATTEMPTS))
                .isEqualTo(new SupplyRelay.Ignored(CUT, AcknowledgementOutcome.NOT_PENDING));
    }

    @Test
    void aLateAcknowledgementOfAnAbandonedCommandIsIgnoredAsNotPending() {
        assertThat(relay(cutAbandoned()).acknowledge(CUT, true, ATTEMPTS))
                .isEqualTo(new SupplyRelay.Ignored(CUT, AcknowledgementOutcome.NOT_PENDING));
    }

    @Test
    void anAcknowledgementOfANeverIssuedCommandIsIgnoredAsNotPending() {
        SupplyRelay.Acknowledgement unknown = relay(cutConfirmed()).acknowledge(RESTORE, true, ATTEMPTS);

        assertThat(unknown).isEqualTo(new SupplyRelay.Ignored(RESTORE, AcknowledgementOutcome.NOT_PENDING));
        assertThat(((SupplyRelay.Ignored) unknown).outcome(METER).detail()).contains("restore-1",
                "is not the command pending on meter m-1");
    }

    // what an acknowledgement's time-out does

    @Test
    void theCurrentAttemptsTimeOutSendsTheCommandAgainUntilTheLastAbandonsIt() {
        PendingCommand first = new PendingCommand(CUT, SupplyAction.CUT, "balance-at-cut-off", 1);
        assertThat(relay(issued(CUT, SupplyAction.CUT, 1)).timeOut(CUT, 1, ATTEMPTS))
                .contains(new SupplyRelay.TimedOut(first, Optional.of(first.nextAttempt())));

        assertThat(relay(issued(CUT, SupplyAction.CUT, 3)).timeOut(CUT, 3, ATTEMPTS)).contains(
                new SupplyRelay.TimedOut(new PendingCommand(CUT, SupplyAction.CUT, "balance-at-cut-off", 3),
                        Optional.empty()));
    }

    @Test
    void anEarlierAttemptsDeadlineIsOutdated() {
        SupplyRelay retried = relay(issued(CUT, SupplyAction.CUT, 1), timedOut(CUT, SupplyAction.CUT, 1, true),
                issued(CUT, SupplyAction.CUT, 2));

        assertThat(retried.timeOut(CUT, 1, ATTEMPTS)).isEmpty();
    }

    @Test
    void theDeadlineOfACommandAnsweredOrReplacedIsOutdated() {
        assertThat(relay(cutConfirmed()).timeOut(CUT, 1, ATTEMPTS)).isEmpty();
        assertThat(relay(issued(CUT, SupplyAction.CUT, 1), issued(RESTORE, SupplyAction.RESTORE, 1))
                .timeOut(CUT, 1, ATTEMPTS)).isEmpty();
        assertThat(relay(cutAbandoned()).timeOut(CUT, 3, ATTEMPTS)).isEmpty();
    }

    // keep-on protection and move-out

    @Test
    void protectionIsRecordedAndLifted() {
        SupplyRelay relay = relay(protectedFromCuts(true));
        assertThat(relay.protectedSupply()).isTrue();

        relay.on(protectedFromCuts(false));
        assertThat(relay.protectedSupply()).isFalse();
    }

    @Test
    void aKeptOnDepletionIsHeldUntilARestoreEndsIt() {
        SupplyRelay kept = relay(protectedFromCuts(true), decided(SupplyDecision.KEEP_ON, "keep-on-protection"));
        assertThat(kept.depletion()).contains(ACCOUNT);

        kept.on(decided(SupplyDecision.RESTORE, SupplyRelay.SUPPLY_ALREADY_ON));
        assertThat(kept.depletion()).isEmpty();
    }

    @Test
    void aKeptOnDepletionIsCutOnceProtectionIsLifted() {
        SupplyRelay kept = relay(protectedFromCuts(true), decided(SupplyDecision.KEEP_ON, "keep-on-protection"),
                protectedFromCuts(false));

        assertThat(kept.decide(SupplyTrigger.WINDOW_ENDED, AT_CUT_OFF, false).orElseThrow().command())
                .contains(SupplyAction.CUT);
    }

    @Test
    void aMoveOutEndsTheDepletionTheRelayHeld() {
        SupplyRelay relay = relay(cutConfirmed());
        relay.on(new MeterDetachedFromAccount(METER, ACCOUNT, Instant.parse("2026-01-05T12:00:00Z"),
                BigDecimal.TEN));

        assertThat(relay.depletion()).isEmpty();
        assertThat(relay.decide(SupplyTrigger.WINDOW_ENDED, AT_CUT_OFF, false)).isEmpty();
    }
}
