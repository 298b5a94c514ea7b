package com.meterledger.core.meter;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.DeclareRegisterRollover;
import com.meterledger.api.meter.DecommissionMeter;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterDecommissioned;
import com.meterledger.api.meter.MeterDetachedFromAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.ReadingRejected;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.meter.RegisterRolledOver;
import com.meterledger.api.meter.RegisterRolloverDeclared;
import com.meterledger.api.meter.RejectionReason;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.EvaluateSupply;
import com.meterledger.api.supply.MeterProtectionChanged;
import com.meterledger.api.supply.NoteMeterReachable;
import com.meterledger.api.supply.ProtectMeter;
import com.meterledger.api.supply.ReachabilitySignal;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.api.supply.RequestSupplyChange;
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
import com.meterledger.core.supply.AccountStanding;
import com.meterledger.core.supply.AccountStandings;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyBackOff;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyRelay;
import com.meterledger.core.supply.SupplyRelay.PendingCommand;
import com.meterledger.core.supply.SupplyTiming;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A physical meter: its cumulative register, the readings it accepted and the account it supplies, and its supply
 * relay ({@link SupplyRelay}). The meter is the relay's one entry point: its commands and deadlines guard, ask the
 * relay what a decision, an acknowledgement or a time-out does, and apply the events it names.
 */
@Aggregate(snapshotTriggerDefinition = "meterSnapshotTrigger", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Meter {
    /** How many recent readings are remembered so that a redelivered one is recognised as a duplicate. */
    static final int REMEMBERED_READINGS = 64;

    /** The raw id: deadline scopes are stored with it and must read it back as it was. */
    @AggregateIdentifier
    private String identifier;
    private MeterId meterId;
    private String tenantId;
    private Utility utility;
    private Instant lastReadAt;
    private BigDecimal lastRegister;
    /** Time-of-use registers of the latest accepted reading (empty for a single-register meter). */
    private SortedMap<String, BigDecimal> lastRegisters = new TreeMap<>();
    private AccountId accountId;
    private Deque<RememberedReading> recent = new ArrayDeque<>();
    /**
     * The supply relay and the decisions that steer it. Unwrapped into the meter's JSON, where its fields always were:
     * stored snapshots keep their shape (see {@code MeterSnapshotTest}).
     */
    @AggregateMember
    @JsonUnwrapped
    private SupplyRelay relay = new SupplyRelay();
    /** A declared register rollover not yet used by a reading (null when none is declared). */
    private BigDecimal declaredRollover;
    private boolean decommissioned;

    record RememberedReading(Instant readAt, BigDecimal value) {
    }

    /** Deadline payloads: they survive restarts in the persistent deadline store. */
    record AcknowledgementDue(SupplyCommandId commandId, int attempt) {
    }

    /**
     * {@code decision}: how many decisions the meter had recorded with the DEFER that set this deadline. Any later
     * decision (a top-up's restore, a new depletion's) ends what the deferral held, so the deadline then does nothing:
     * it is cancelled by what it carries rather than through the deadline manager (see {@link #issue} for why).
     * Null in deadlines set before it was carried: those are judged as before.
     */
    record FriendlyWindowEnds(AccountId accountId, Long decision) {
    }

    static final String ACKNOWLEDGEMENT_DEADLINE = "supply-acknowledgement";
    static final String WINDOW_DEADLINE = "friendly-window-end";

    protected Meter() {
    }

    public Meter(RegisterMeter command, String tenant, Instant now) {
        if (command.serialNumber() == null || command.serialNumber().isBlank()) {
            throw new RuleViolation("meter-serial-required", "a meter needs its serial number");
        }
        apply(new MeterRegistered(command.meterId(), command.unitId(), command.utility(), command.serialNumber(), now));
    }

    /** Move-in: the opening reading becomes the baseline from which the account is charged. */
    public void attachAccount(AccountId account, Instant readAt, BigDecimal openingRegister,
                              Map<String, BigDecimal> openingRegisters, String tenant, Instant now) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        requireInService();
        if (accountId != null) {
            throw new RuleViolation("meter-already-supplies-an-account",
                    "meter " + meterId + " already supplies account " + accountId);
        }
        ReadingPolicy.Verdict verdict = ReadingPolicy.judge(utility, lastReadAt, lastRegister, null, readAt,
                openingRegister, now);
        if (verdict instanceof ReadingPolicy.Reject reject) {
            Reason specific = reject.specific();
            throw new RuleViolation("opening-reading-" + reject.reason().name().toLowerCase().replace('_', '-'),
                    new Reason(specific.code(), "the opening reading of meter " + meterId + " was rejected: "
                            + specific.english(), specific.figures()));
        }
        for (Map.Entry<String, BigDecimal> register : openingRegisters.entrySet()) {
            if (register.getValue() == null || register.getValue().signum() < 0) {
                throw new RuleViolation("opening-reading-register-went-backwards", Reason.of(
                        "reading-time-register-negative", "opening register " + register.getKey()
                                + " must be zero or more", register.getKey()));
            }
        }
        apply(new MeterAttachedToAccount(meterId, account, readAt, openingRegister, new TreeMap<>(openingRegisters)));
    }

    /** Move-out: the final reading is already recorded; later consumption is no longer the account's. */
    public void detachAccount(AccountId account, Instant readAt, BigDecimal finalRegister) {
        if (!account.equals(accountId)) {
            throw new IllegalStateException("meter " + meterId + " does not supply account " + account);
        }
        apply(new MeterDetachedFromAccount(meterId, account, readAt, finalRegister));
    }

    /** What a reading became, and the accepted reading itself when there is one to charge. */
    public record Recorded(ReadingOutcome outcome, Optional<ReadingRecorded> reading) {
    }

    public Recorded record(RecordReading command, String tenant, Instant now) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        requireInService();
        ReadingPolicy.Verdict verdict = ReadingPolicy.judge(utility, lastReadAt, lastRegister,
                rememberedValueAt(command.readAt()), command.readAt(), command.registerValue(), now, declaredRollover);
        return switch (verdict) {
            case ReadingPolicy.Duplicate duplicate -> new Recorded(ReadingOutcome.duplicate(), Optional.empty());
            case ReadingPolicy.Reject reject -> rejected(command, reject.reason(), reject.specific());
            case ReadingPolicy.Accept accept -> switch (RegisterDeltas.between(lastRegisters, command.registers(),
                    accept.rolledOver() ? declaredRollover : null, accept.consumption())) {
                case RegisterDeltas.Refused refused -> rejected(command, refused.reason(), refused.specific());
                case RegisterDeltas.Deltas deltas -> accepted(command, accept, deltas.perRegister());
            };
        };
    }

    private Recorded rejected(RecordReading command, RejectionReason reason, Reason specific) {
        apply(new ReadingRejected(meterId, command.readAt(), command.registerValue(), reason, specific.english()));
        return new Recorded(ReadingOutcome.rejected(reason, specific), Optional.empty());
    }

    private Recorded accepted(RecordReading command, ReadingPolicy.Accept accept, SortedMap<String, BigDecimal> deltas) {
        if (accept.rolledOver()) {
            apply(new RegisterRolledOver(meterId, command.readAt(), lastRegister, command.registerValue(),
                    declaredRollover));
        }
        ReadingRecorded reading = new ReadingRecorded(meterId, accountId, lastReadAt, command.readAt(),
                command.registerValue(), accept.consumption(), new TreeMap<>(command.registers()), deltas);
        apply(reading);
        return new Recorded(ReadingOutcome.accepted(), Optional.of(reading));
    }

    /**
     * Supply control after a change of the account's money. The trigger is only the occasion: the decision follows the
     * account's standing read now, so a depletion handled after a top-up ended it cuts nothing (issue 19).
     */
    @CommandHandler
    public void handle(EvaluateSupply command, @MetaDataValue(TENANT) String tenant, SupplyCalendars calendars,
                       SupplyTiming timing, DeadlineManager deadlines, AccountStandings standings) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        if (decommissioned) {
            return; // a stale trigger: a decommissioned meter supplies nobody
        }
        evaluate(command.trigger(), command.accountId(), standingOf(command.accountId(), standings),
                calendars.of(tenantId), timing, deadlines);
    }

    /**
     * The reconciler's question: is the relay heading where the account's standing intends? If not, and no rule holds
     * it, the CUT or RESTORE is issued again with a {@code reconciled-...} rule. A command already heading the intended
     * way (say, issued a moment ago by another node's reconciler) makes this a no-op, and so does a command of the
     * same action abandoned lately: the meter is backing off ({@link SupplyBackOff}) until its wait is over or it can
     * be reached again.
     */
    @CommandHandler
    public void handle(ReconcileSupply command, @MetaDataValue(TENANT) String tenant, SupplyCalendars calendars,
                       SupplyTiming timing, DeadlineManager deadlines, AccountStandings standings) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        if (decommissioned || accountId == null) {
            return;
        }
        evaluate(SupplyTrigger.RECONCILE, accountId, standingOf(accountId, standings), calendars.of(tenantId), timing,
                deadlines);
    }

    /** The standing of the account this meter supplies now; a trigger naming another account judges by none. */
    private AccountStanding standingOf(AccountId account, AccountStandings standings) {
        return account != null && account.equals(accountId) ? standings.of(account, tenantId)
                : AccountStanding.none(account);
    }

    /**
     * Supply control inside the unit of work of the reading that depleted the account, so a cut command is stored
     * with that reading instead of waiting for the supply-control process to catch up. The process still sees the
     * depletion afterwards and finds it decided.
     */
    public void evaluateDepletion(AccountId account, AccountStanding standing, String tenant, SupplyCalendars calendars,
                                  SupplyTiming timing, DeadlineManager deadlines) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        if (!decommissioned) {
            evaluate(SupplyTrigger.DEPLETED, account, standing, calendars.of(tenantId), timing, deadlines);
        }
    }

    /** Asks the relay what the trigger decides, records it and sends the command or sets the deadline it calls for. */
    private void evaluate(SupplyTrigger trigger, AccountId account, AccountStanding standing, FriendlyWindow window,
                          SupplyTiming timing, DeadlineManager deadlines) {
        Instant now = GenericEventMessage.clock.instant();
        Optional<SupplyRelay.Decision> decided = relay.decide(trigger, standing, window.contains(now));
        if (decided.isEmpty()) {
            return;
        }
        SupplyRelay.Decision decision = decided.get();
        if (trigger == SupplyTrigger.RECONCILE && decision.command().isPresent()
                && !SupplyBackOff.judge(relay.backOff(), decision.command().get(), now).issues()) {
            return; // the same action was abandoned lately and no sign of the meter came since: not yet
        }
        apply(new SupplyDecisionRecorded(meterId, account, decision.decision(), decision.rule(), decision.detail()));
        decision.command().ifPresent(action -> issue(action, decision.rule(), timing, deadlines));
        if (decision.waitsForWindowEnd()) {
            deadlines.schedule(window.end(now), WINDOW_DEADLINE, new FriendlyWindowEnds(account, relay.decisions()));
        }
    }

    /** An operator's cut or restore, outside the balance rules. */
    @CommandHandler
    public SupplyCommandId handle(RequestSupplyChange command, @MetaDataValue(TENANT) String tenant, SupplyTiming timing,
                                  DeadlineManager deadlines) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        requireInService();
        if (command.rule() == null || command.rule().isBlank()) {
            throw new RuleViolation("supply-change-reason-required", "a manual supply change needs a reason");
        }
        if (command.action() == SupplyAction.CUT && relay.protectedSupply()) {
            throw new RuleViolation("meter-protected", "meter " + meterId + " is protected from cuts");
        }
        apply(new SupplyDecisionRecorded(meterId, accountId, command.action() == SupplyAction.CUT
                ? SupplyDecision.CUT : SupplyDecision.RESTORE, SupplyRelay.OPERATOR, command.rule()));
        return issue(command.action(), command.rule(), timing, deadlines);
    }

    /**
     * A gateway's answer to the pending command; the relay tells what it means ({@link SupplyRelay#acknowledge}). The
     * answered command's acknowledgement deadline is left to find the command answered (see {@link #issue}).
     */
    @CommandHandler
    public AcknowledgementOutcome handle(ConfirmSupplyCommand command, @MetaDataValue(TENANT) String tenant,
                                         SupplyTiming timing, DeadlineManager deadlines) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        return switch (relay.acknowledge(command.commandId(), command.executed(), timing.maxAttempts())) {
            case SupplyRelay.Ignored ignored -> {
                if (relay.backOff() != null && AcknowledgementOutcome.NOT_PENDING.equals(ignored.rule())) {
                    // too late to count for its command, but the meter answered: it can be reached again
                    apply(new SupplyBackOffEnded(meterId, ReachabilitySignal.LATE_ACKNOWLEDGEMENT));
                }
                yield ignored.outcome(meterId);
            }
            case SupplyRelay.Confirmed confirmed -> {
                apply(new SupplyCommandConfirmed(meterId, confirmed.command().commandId(), confirmed.command().action()));
                yield AcknowledgementOutcome.recorded();
            }
            case SupplyRelay.Failed failed -> {
                PendingCommand answered = failed.command();
                apply(new SupplyCommandFailed(meterId, answered.commandId(), answered.action(),
                        command.detail() == null ? "the meter reported a failure" : command.detail(),
                        answered.attempt(), failed.nextAttempt().isPresent()));
                failed.nextAttempt().ifPresentOrElse(next -> issueAgain(next, timing, deadlines),
                        () -> deferRetry(answered, timing));
                yield AcknowledgementOutcome.recorded();
            }
        };
    }

    /**
     * A sign from the gateway side that the meter can be reached again. A meter backing off ends its back-off and
     * decides at once, so a command it needs goes down while the gateway is there to take it rather than a pass later;
     * any other meter ignores it (no event), so a gateway's return may tell every meter it relays.
     */
    @CommandHandler
    public void handle(NoteMeterReachable command, @MetaDataValue(TENANT) String tenant, SupplyCalendars calendars,
                       SupplyTiming timing, DeadlineManager deadlines, AccountStandings standings) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        if (decommissioned || relay.backOff() == null) {
            return;
        }
        apply(new SupplyBackOffEnded(meterId, command.signal()));
        if (accountId != null) {
            evaluate(SupplyTrigger.RECONCILE, accountId, standingOf(accountId, standings), calendars.of(tenantId),
                    timing, deadlines);
        }
    }

    @CommandHandler
    public void handle(ProtectMeter command, @MetaDataValue(TENANT) String tenant, SupplyCalendars calendars,
                       SupplyTiming timing, DeadlineManager deadlines, AccountStandings standings) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        requireInService();
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation("protection-reason-required", "protecting or unprotecting a meter needs a reason");
        }
        if (command.protect() == relay.protectedSupply()) {
            return;
        }
        apply(new MeterProtectionChanged(meterId, command.protect(), command.reason()));
        if (!command.protect()) {
            relay.depletion().ifPresent(account -> evaluate(SupplyTrigger.WINDOW_ENDED, account,
                    standingOf(account, standings), calendars.of(tenantId), timing, deadlines));
        }
    }

    @CommandHandler
    public void handle(DecommissionMeter command, @MetaDataValue(TENANT) String tenant) {
        decommission(command.reason(), tenant, GenericEventMessage.clock.instant());
    }

    /** Out of service for good; refused while an account is attached; a second time is a no-op. */
    public void decommission(String reason, String tenant, Instant now) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        if (decommissioned) {
            return;
        }
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("decommission-reason-required", "decommissioning a meter needs a reason");
        }
        if (accountId != null) {
            throw new RuleViolation("meter-supplies-an-account", "meter " + meterId + " supplies account " + accountId
                    + ": move out or replace the meter first");
        }
        apply(new MeterDecommissioned(meterId, reason, now));
    }

    /**
     * The register wraps at {@code rolloverAt}: the next reading below the latest accepted one is read across the
     * wrap instead of being rejected. A new declaration replaces one not yet used.
     */
    @CommandHandler
    public void handle(DeclareRegisterRollover command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireOwner(tenantId, tenant, "meter", meterId);
        requireInService();
        if (command.reason() == null || command.reason().isBlank()) {
            throw new RuleViolation("rollover-reason-required", "declaring a register rollover needs a reason");
        }
        BigDecimal rolloverAt = command.rolloverAt();
        if (rolloverAt == null || rolloverAt.signum() <= 0
                || (lastRegister != null && rolloverAt.compareTo(lastRegister) <= 0)) {
            throw new RuleViolation("rollover-below-register", "the register's capacity must be above its latest "
                    + "accepted value " + (lastRegister == null ? "0" : lastRegister.toPlainString()));
        }
        if (declaredRollover != null && declaredRollover.compareTo(rolloverAt) == 0) {
            return;
        }
        apply(new RegisterRolloverDeclared(meterId, rolloverAt, lastRegister, command.reason(),
                GenericEventMessage.clock.instant()));
    }

    private void requireInService() {
        if (decommissioned) {
            throw new RuleViolation("meter-decommissioned", "meter " + meterId + " is decommissioned");
        }
    }

    public boolean decommissioned() {
        return decommissioned;
    }

    @DeadlineHandler(deadlineName = ACKNOWLEDGEMENT_DEADLINE)
    void onAcknowledgementDue(AcknowledgementDue due, SupplyTiming timing, DeadlineManager deadlines) {
        if (decommissioned) {
            return; // retired with a command outstanding: no retry to a meter that left service
        }
        relay.timeOut(due.commandId(), due.attempt(), timing.maxAttempts()).ifPresent(timedOut -> {
            PendingCommand overdue = timedOut.command();
            apply(new SupplyCommandTimedOut(meterId, overdue.commandId(), overdue.action(), overdue.attempt(),
                    timedOut.nextAttempt().isPresent()));
            timedOut.nextAttempt().ifPresentOrElse(next -> issueAgain(next, timing, deadlines),
                    () -> deferRetry(overdue, timing));
        });
    }

    /**
     * The command is abandoned: the reconciler waits before it issues the same action again, longer with each
     * abandonment in a row, and the event says until when (the staff alert shows it).
     */
    private void deferRetry(PendingCommand abandoned, SupplyTiming timing) {
        SupplyBackOff next = relay.afterAbandoned(abandoned.action(), GenericEventMessage.clock.instant(), timing);
        apply(new SupplyRetryDeferred(meterId, abandoned.commandId(), abandoned.action(), next.abandonmentsInARow(),
                next.notBefore()));
    }

    /** The same command again as its next attempt, waiting longer for its acknowledgement. */
    private void issueAgain(PendingCommand next, SupplyTiming timing, DeadlineManager deadlines) {
        apply(new SupplyCommandIssued(meterId, next.commandId(), next.action(), next.rule(), next.attempt()));
        deadlines.schedule(timing.timeoutOf(next.attempt()), ACKNOWLEDGEMENT_DEADLINE,
                new AcknowledgementDue(next.commandId(), next.attempt()));
    }

    @DeadlineHandler(deadlineName = WINDOW_DEADLINE)
    void onFriendlyWindowEnd(FriendlyWindowEnds end, SupplyCalendars calendars, SupplyTiming timing,
                             DeadlineManager deadlines, AccountStandings standings) {
        if (decommissioned || !relay.deferralStands(end.decision())) {
            return; // retired, or a later decision ended the depletion this deferral held
        }
        evaluate(SupplyTrigger.WINDOW_ENDED, end.accountId(), standingOf(end.accountId(), standings),
                calendars.of(tenantId), timing, deadlines);
    }

    /**
     * A new command replaces any one under way. The replaced command's acknowledgement deadline is not cancelled:
     * {@link #onAcknowledgementDue} ignores a deadline that is not the pending command's current attempt, and
     * cancelling goes through {@code DeadlineManager.cancelAllWithinScope}, which db-scheduler carries out by reading
     * every scheduled deadline of every meter inside this transaction and throws when the one it cancels is being
     * executed at that moment, rolling back the reading or acknowledgement that issued the command.
     */
    private SupplyCommandId issue(SupplyAction action, String rule, SupplyTiming timing, DeadlineManager deadlines) {
        SupplyCommandId commandId = new SupplyCommandId(UUID.randomUUID().toString());
        apply(new SupplyCommandIssued(meterId, commandId, action, rule, 1));
        deadlines.schedule(timing.timeoutOf(1), ACKNOWLEDGEMENT_DEADLINE, new AcknowledgementDue(commandId, 1));
        return commandId;
    }

    public Utility utility() {
        return utility;
    }

    public String tenantId() {
        return tenantId;
    }

    /** The account this meter supplies now, if any. */
    public Optional<AccountId> attachedAccount() {
        return Optional.ofNullable(accountId);
    }

    /** Moment of the latest accepted reading (null before the first). */
    public Instant lastReadAt() {
        return lastReadAt;
    }

    private BigDecimal rememberedValueAt(Instant readAt) {
        for (RememberedReading reading : recent) {
            if (reading.readAt().equals(readAt)) {
                return reading.value();
            }
        }
        return null;
    }

    @EventSourcingHandler
    void on(MeterRegistered event, @MetaDataValue(TENANT) String tenant) {
        identifier = event.meterId().value();
        meterId = event.meterId();
        tenantId = tenant;
        utility = event.utility();
    }

    @EventSourcingHandler
    void on(MeterAttachedToAccount event) {
        accountId = event.accountId();
        remember(event.readAt(), event.openingRegister());
        if (!event.openingRegisters().isEmpty()) {
            lastRegisters = new TreeMap<>(event.openingRegisters());
        }
    }

    @EventSourcingHandler
    void on(MeterDetachedFromAccount event) {
        accountId = null;
    }

    @EventSourcingHandler
    void on(ReadingRecorded event) {
        remember(event.readAt(), event.registerValue());
        lastRegisters = new TreeMap<>(event.registers());
    }

    @EventSourcingHandler
    void on(RegisterRolloverDeclared event) {
        declaredRollover = event.rolloverAt();
    }

    @EventSourcingHandler
    void on(RegisterRolledOver event) {
        declaredRollover = null;
    }

    @EventSourcingHandler
    void on(MeterDecommissioned event) {
        decommissioned = true;
        declaredRollover = null;
    }

    private void remember(Instant readAt, BigDecimal value) {
        lastReadAt = readAt;
        lastRegister = value;
        recent.addFirst(new RememberedReading(readAt, value));
        if (recent.size() > REMEMBERED_READINGS) {
            recent.removeLast();
        }
    }
}
