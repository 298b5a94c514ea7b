package com.meterledger.core.meter;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.EvaluateSupply;
import com.meterledger.api.supply.ProtectMeter;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.supply.SupplyTrigger;
import com.meterledger.core.supply.AccountStanding;
import com.meterledger.core.supply.AccountStandings;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyTiming;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * Issue 19: the meter decides on its account's standing now, whatever the trigger; the reconciler's request issues
 * the command the standing intends unless one is already heading there; an acknowledgement that records nothing says
 * so and why.
 */
class MeterSupplyReconcileTest {
    private static final MeterId METER = new MeterId("m-1");
    private static final AccountId ACCOUNT = new AccountId("a-1");
    private static final String TENANT = "tenant-a";
    private static final Map<String, ?> META = Map.of(MetadataKeys.TENANT, TENANT);
    private static final Instant MONDAY_NOON = Instant.parse("2026-01-05T12:00:00Z");
    private static final Instant SATURDAY_NOON = Instant.parse("2026-01-10T12:00:00Z");
    private static final Instant NEXT_MONDAY_NOON = Instant.parse("2026-01-12T12:00:00Z");
    private static final SupplyCommandId CUT = new SupplyCommandId("cut-1");
    private static final SupplyCommandId RESTORE = new SupplyCommandId("restore-1");
    private static final AccountStanding TOPPED_UP = new AccountStanding(ACCOUNT, 900, 0, 100, false, true);
    private static final AccountStanding AT_CUT_OFF = new AccountStanding(ACCOUNT, -100, 0, 100, true, true);
    private static final AccountStanding BETWEEN_LEVELS = new AccountStanding(ACCOUNT, 50, 0, 100, true, true);

    private AggregateTestFixture<Meter> fixture;
    private AccountStanding standing;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meter.class);
        FriendlyWindow weekends = new FriendlyWindow(ZoneOffset.UTC, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true,
                Set.of());
        fixture.registerInjectableResource((SupplyCalendars) tenant -> weekends);
        fixture.registerInjectableResource(new SupplyTiming(Duration.ofSeconds(30), 3));
        fixture.registerInjectableResource((AccountStandings) (account, tenant) -> standing);
    }

    private static Object registered() {
        return GenericEventMessage.asEventMessage(new MeterRegistered(METER, new UnitId("u-1"), Utility.ELECTRICITY,
                "SN-1", Instant.parse("2026-01-01T00:00:00Z"))).andMetaData(MetaData.with(MetadataKeys.TENANT, TENANT));
    }

    private static Object attached() {
        return new MeterAttachedToAccount(METER, ACCOUNT, Instant.parse("2026-01-01T00:00:00Z"), BigDecimal.ZERO,
                Map.of());
    }

    private static Object decided(SupplyDecision decision, String rule) {
        return new SupplyDecisionRecorded(METER, ACCOUNT, decision, rule, "as decided then");
    }

    private static SupplyCommandIssued issued(SupplyCommandId id, SupplyAction action, int attempt) {
        return new SupplyCommandIssued(METER, id, action, "balance-at-cut-off", attempt);
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
