package com.meterledger.core.supply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.meter.MeterDetachedFromAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.MeterProtectionChanged;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyBackOffEnded;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.supply.SupplyRetryDeferred;
import com.meterledger.api.supply.SupplyTrigger;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.Optional;

/**
 * The supply relay of one meter, as a member of the {@code Meter} aggregate: where the relay stands as its gateways
 * confirmed it, the CUT or RESTORE under way to it with its attempt, whether the relay is in doubt, and the supply
 * decisions recorded for it (the depletion they hold, an operator's standing cut or restore, keep-on protection).
 * <p>
 * Its state changes only through the meter's events. Each transition is a question that changes nothing and answers
 * with a named verdict: what a trigger decides ({@link #decide}), what an acknowledgement means ({@link #acknowledge}),
 * what an acknowledgement's time-out does ({@link #timeOut}). The meter guards its commands, asks, and applies the
 * events the verdict names; the verdicts are judged here, so they can be tested without Axon or Spring.
 * <p>
 * The fields keep the names they had on the meter, and the meter unwraps this member into its own JSON: stored meter
 * snapshots keep their shape and read back whichever side of this change wrote them.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class SupplyRelay {
    /** The rule of an operator's cut or restore. */
    public static final String OPERATOR = "operator";
    /** A top-up's decision when the relay is already on or on its way there: recorded, and no command sent. */
    public static final String SUPPLY_ALREADY_ON = "supply-already-on";

    /** The relay state a gateway last confirmed. */
    private boolean supplyOn = true;
    /**
     * A command ended without an acknowledgement (abandoned after its last time-out, or replaced by a newer command
     * before it was answered), so {@link #supplyOn} may no longer be true of the relay. Cleared by the next
     * confirmation. Without it a cut that the meter carried out but whose acknowledgement was not recorded left
     * {@code supplyOn} true, and the next top-up decided "supply was never cut" and sent no restore (issue 19).
     */
    private boolean supplyInDoubt;
    private boolean protectedSupply;
    /** Supply decisions recorded so far; a deferral's deadline carries the count of its own (see {@link #deferralStands}). */
    private long decisions;
    /** An operator's cut or restore while it is the latest decision: the reconciler does not undo it. */
    private SupplyAction operatorDecision;
    /** The command the relay last confirmed, to tell a redelivered acknowledgement from one of a stale command. */
    private SupplyCommandId lastConfirmed;
    private boolean depleted;
    private AccountId depletedAccount;
    private PendingCommand pending;
    /**
     * The reconciler's wait after abandoned commands ({@link SupplyBackOff}); null while the meter is deemed
     * reachable. Left out of the JSON when null, so snapshots of meters that never backed off keep their shape.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private SupplyBackOff backOff;

    /** The command under way to the relay, as attempt {@code attempt} (1 for the first). */
    public record PendingCommand(SupplyCommandId commandId, SupplyAction action, String rule, int attempt) {
        /** The same command sent again. */
        public PendingCommand nextAttempt() {
            return new PendingCommand(commandId, action, rule, attempt + 1);
        }
    }

    /**
     * A decision to record. {@code command}: the CUT or RESTORE to send for it, none for a keep-on, a deferral or a
     * restore to a relay already on its way on.
     */
    public record Decision(SupplyDecision decision, String rule, String detail, Optional<SupplyAction> command) {
        /** A deferral waits for the end of the friendly window it was decided in, then decides again. */
        public boolean waitsForWindowEnd() {
            return decision == SupplyDecision.DEFER;
        }
    }

    /** What a gateway's acknowledgement of a command means for the relay. */
    public sealed interface Acknowledgement {
    }

    /** The pending command was carried out: the relay now stands where it sent it. */
    public record Confirmed(PendingCommand command) implements Acknowledgement {
    }

    /**
     * The meter could not carry out the pending command; {@code nextAttempt} sends it again while attempts remain (a
     * relay that did not move often moves on the next try; an occupant who paid must not stay cut off by one).
     */
    public record Failed(PendingCommand command, Optional<PendingCommand> nextAttempt) implements Acknowledgement {
    }

    /**
     * The answer of a command that is not pending: it says nothing about the relay now. {@code rule} is
     * {@link AcknowledgementOutcome#ALREADY_CONFIRMED} or {@link AcknowledgementOutcome#NOT_PENDING}.
     */
    public record Ignored(SupplyCommandId commandId, String rule) implements Acknowledgement {
        /** Why the acknowledgement changes nothing, for the gateway to read. */
        public AcknowledgementOutcome outcome(MeterId meter) {
            if (AcknowledgementOutcome.ALREADY_CONFIRMED.equals(rule)) {
                return AcknowledgementOutcome.ignored(rule, "command " + commandId + " of meter " + meter
                        + " was already confirmed; a later answer to it changes nothing");
            }
            return AcknowledgementOutcome.ignored(rule, "command " + commandId + " is not the command pending on meter "
                    + meter + " (it was abandoned after its last time-out, failed, replaced by a newer command, or never "
                    + "issued): its answer does not tell the relay's state now, and the supply reconciler sends a "
                    + "command if the relay may be away from its intended state");
        }
    }

    /** The pending command's attempt went unanswered; {@code nextAttempt} is empty when it is abandoned. */
    public record TimedOut(PendingCommand command, Optional<PendingCommand> nextAttempt) {
    }

    /**
     * Where the relay is heading: the target of the command under way, else the last confirmed state unless a
     * command since ended unanswered. A command under way counts although unconfirmed, because its retries and,
     * at the last, its abandonment (which puts the relay in doubt) follow on their own.
     */
    public SupplyPolicy.Heading heading() {
        if (pending != null) {
            return pending.action() == SupplyAction.CUT ? SupplyPolicy.Heading.OFF : SupplyPolicy.Heading.ON;
        }
        if (supplyInDoubt) {
            return SupplyPolicy.Heading.UNKNOWN;
        }
        return supplyOn ? SupplyPolicy.Heading.ON : SupplyPolicy.Heading.OFF;
    }

    /**
     * What a trigger decides, judged on the account's standing now ({@link SupplyIntent}) and where the relay is
     * heading ({@link SupplyPolicy}); empty when it decides nothing. A depletion already decided (cut, deferred or
     * kept on) is not decided again, and a window's end after a top-up ended the depletion it held finds nothing to
     * cut. An account's crossing of a level decides again whatever an operator did; only the reconciler must not undo
     * an operator's cut or restore. A top-up that finds the relay already on its way on is recorded as a restore
     * ({@link #SUPPLY_ALREADY_ON}) without a command, so the depletion it ends is not held any longer.
     */
    public Optional<Decision> decide(SupplyTrigger trigger, AccountStanding standing, boolean insideFriendlyWindow) {
        if (trigger == SupplyTrigger.DEPLETED && depleted) {
            return Optional.empty();
        }
        if (trigger == SupplyTrigger.WINDOW_ENDED && !depleted) {
            return Optional.empty();
        }
        SupplyAction standingOperatorDecision = trigger == SupplyTrigger.RECONCILE ? operatorDecision : null;
        SupplyIntent.Verdict intent = SupplyIntent.of(standing, protectedSupply, insideFriendlyWindow,
                standingOperatorDecision);
        SupplyPolicy.Verdict verdict = SupplyPolicy.decide(trigger, intent, heading());
        if (verdict != null) {
            return Optional.of(new Decision(verdict.decision(), verdict.rule(), verdict.detail(),
                    commandOf(verdict.decision())));
        }
        if (trigger == SupplyTrigger.RECONNECT_LEVEL_REACHED && depleted && intent.target() == SupplyIntent.Target.ON) {
            return Optional.of(new Decision(SupplyDecision.RESTORE, SUPPLY_ALREADY_ON,
                    "the balance reached the reconnect level and supply is confirmed on or being restored",
                    Optional.empty()));
        }
        return Optional.empty();
    }

    private static Optional<SupplyAction> commandOf(SupplyDecision decision) {
        return switch (decision) {
            case CUT -> Optional.of(SupplyAction.CUT);
            case RESTORE -> Optional.of(SupplyAction.RESTORE);
            case DEFER, KEEP_ON -> Optional.empty();
        };
    }

    /**
     * A gateway's answer. Only an answer to the pending command counts; one to any other command (abandoned, or
     * replaced by a newer one) is not the relay's present state, and that command's end already put the relay in
     * doubt, so the next decision sends a command rather than trusting the last confirmation.
     */
    public Acknowledgement acknowledge(SupplyCommandId commandId, boolean executed, int maxAttempts) {
        if (pending == null || !pending.commandId().equals(commandId)) {
            return new Ignored(commandId, pending == null && commandId.equals(lastConfirmed)
                    ? AcknowledgementOutcome.ALREADY_CONFIRMED : AcknowledgementOutcome.NOT_PENDING);
        }
        return executed ? new Confirmed(pending) : new Failed(pending, retryOf(pending, maxAttempts));
    }

    /**
     * An acknowledgement's deadline came. Empty when it is outdated: its command was answered, abandoned or replaced,
     * or a later attempt is under way (a replaced command's deadline is left to find this out, never cancelled).
     */
    public Optional<TimedOut> timeOut(SupplyCommandId commandId, int attempt, int maxAttempts) {
        if (pending == null || !pending.commandId().equals(commandId) || pending.attempt() != attempt) {
            return Optional.empty();
        }
        return Optional.of(new TimedOut(pending, retryOf(pending, maxAttempts)));
    }

    private static Optional<PendingCommand> retryOf(PendingCommand command, int maxAttempts) {
        return command.attempt() < maxAttempts ? Optional.of(command.nextAttempt()) : Optional.empty();
    }

    /**
     * Whether a friendly window's end still concerns the deferral that scheduled it: {@code decision} is the count of
     * decisions with that deferral, and any later decision (a top-up's restore, a new depletion's) ended what it held.
     * Null in deadlines set before the count was carried: those are judged by the depletion alone.
     */
    public boolean deferralStands(Long decision) {
        return decision == null || decision == decisions;
    }

    /** How many supply decisions are recorded: a deferral's deadline carries it (see {@link #deferralStands}). */
    public long decisions() {
        return decisions;
    }

    /** The reconciler's wait after abandoned commands, null while the meter is deemed reachable. */
    public SupplyBackOff backOff() {
        return backOff;
    }

    /** The back-off that follows the abandonment of a command of {@code action} now. */
    public SupplyBackOff afterAbandoned(SupplyAction action, Instant now, SupplyTiming timing) {
        return SupplyBackOff.afterAbandoned(backOff, action, now, timing);
    }

    /** Kept on: the relay is never cut while it is protected, by the balance rules or by an operator. */
    public boolean protectedSupply() {
        return protectedSupply;
    }

    /** The account whose depletion a decision holds (cut, deferred or kept on) until a restore ends it. */
    public Optional<AccountId> depletion() {
        return depleted ? Optional.ofNullable(depletedAccount) : Optional.empty();
    }

    @EventSourcingHandler
    void on(SupplyDecisionRecorded event) {
        decisions++;
        depleted = event.decision() != SupplyDecision.RESTORE;
        depletedAccount = depleted ? event.accountId() : null;
        operatorDecision = !OPERATOR.equals(event.rule()) ? null
                : event.decision() == SupplyDecision.CUT ? SupplyAction.CUT : SupplyAction.RESTORE;
    }

    @EventSourcingHandler
    void on(SupplyCommandIssued event) {
        if (pending != null && !pending.commandId().equals(event.commandId())) {
            supplyInDoubt = true; // the replaced command may have been carried out; its answer no longer counts
        }
        pending = new PendingCommand(event.commandId(), event.action(), event.rule(), event.attempt());
    }

    @EventSourcingHandler
    void on(SupplyCommandConfirmed event) {
        lastConfirmed = event.commandId();
        supplyOn = event.action() == SupplyAction.RESTORE;
        supplyInDoubt = false;
        pending = null;
        backOff = null; // the meter answered: it can be reached
    }

    @EventSourcingHandler
    void on(SupplyCommandFailed event) {
        if (!event.willRetry()) {
            pending = null;
        }
    }

    @EventSourcingHandler
    void on(SupplyCommandTimedOut event) {
        if (!event.willRetry()) {
            pending = null;
            supplyInDoubt = true; // unanswered is not undone: the meter may have carried it out
        }
    }

    @EventSourcingHandler
    void on(MeterProtectionChanged event) {
        protectedSupply = event.protectedSupply();
    }

    @EventSourcingHandler
    void on(SupplyRetryDeferred event) {
        backOff = new SupplyBackOff(event.action(), event.abandonmentsInARow(), event.notBefore());
    }

    @EventSourcingHandler
    void on(SupplyBackOffEnded event) {
        backOff = null;
    }

    /** A reading came from the meter, so a gateway reaches it: the reconciler no longer waits to command it. */
    @EventSourcingHandler
    void on(ReadingRecorded event) {
        backOff = null;
    }

    /** Consumption after a move-out is no longer the account's: its depletion no longer holds the relay. */
    @EventSourcingHandler
    void on(MeterDetachedFromAccount event) {
        depleted = false;
        depletedAccount = null;
    }
}
