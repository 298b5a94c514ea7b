package com.meterledger.core.supply;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.MoneyMovement;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.ReconnectLevelReached;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.account.RefundBalance;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.FindUnit;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.registry.UnitSummary;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.ProtectMeter;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.core.account.Account;
import com.meterledger.core.account.AccountStandingReader;
import com.meterledger.core.meter.Meter;
import com.meterledger.core.metering.MeteringService;
import com.meterledger.core.tariff.LastSequences;
import com.meterledger.core.tariff.Tariff;
import com.meterledger.core.tariff.TariffReader;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Supply converges, provably (issue 19): a seeded, deterministic simulation in the manner of TigerBeetle's VOPR. The
 * real Meter and Account aggregates, the MeteringService and the SupplyControl process run on Axon's in-memory event
 * store (every command reloads its aggregates from their events, so every step is also a restart of the aggregates)
 * under random interleavings of readings, top-ups, refunds, protection, time passing through friendly windows,
 * supply-control lag and redelivery, deadline firings, reconciler passes, and a gateway that delivers commands in
 * order but loses some, fails relays, and loses, duplicates, delays, reorders and contradicts acknowledgements.
 * <p>
 * Invariants: no cut is decided while the account's balance is above its cut-off level, the meter is protected or
 * the friendly window holds it; after quiescence (faults off, every command delivered and answered, the process
 * caught up, the reconciler run) every account at or above its reconnect level has its relay on, confirmed on with
 * nothing pending, and every depleted account at its cut-off, unprotected, outside the window, its relay off; the
 * balance equals both a replay of the account's events and the simulation's own count of the money.
 * <p>
 * {@value #SEEDS} seeds of {@value #STEPS} steps each, 3 meters, in a few seconds. A failure names its seed; run that
 * seed alone with {@code -Dsimulation.seed=<seed>} (and more with {@code -Dsimulation.seeds=<n>}).
 */
class SupplyConvergenceSimulationTest {
    static final int SEEDS = 200;
    static final int STEPS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(SupplyConvergenceSimulationTest.class);
    private static final int METERS = 3;
    private static final String TENANT = "tenant-sim";
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final long PRICE = 100;
    /** Nights 20:00-08:00 and weekends, in UTC. */
    private static final FriendlyWindow WINDOW = FriendlyWindow.standard(ZoneOffset.UTC);
    private static final SupplyTiming TIMING = new SupplyTiming(Duration.ofSeconds(30), 3);
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @AfterEach
    void restoreTheClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void supplyConvergesUnderEveryInterleavingOfTheSeeds() {
        String only = System.getProperty("simulation.seed");
        if (only != null) {
            run(Long.parseLong(only));
            return;
        }
        int seeds = Integer.getInteger("simulation.seeds", SEEDS);
        long started = System.nanoTime();
        Map<String, Integer> seen = new java.util.TreeMap<>();
        for (long seed = 1; seed <= seeds; seed++) {
            run(seed).forEach((what, count) -> seen.merge(what, count, Integer::sum));
        }
        LOG.info("supply simulation: {} seeds x {} steps in {} ms; {}", seeds, STEPS,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), seen);
    }

    /** @return how often each kind of decision and outcome occurred, to show what the seeds reach */
    private static Map<String, Integer> run(long seed) {
        Simulation simulation = new Simulation(seed);
        try {
            simulation.run();
            return simulation.seen;
        } catch (Throwable failure) {
            throw new AssertionError("supply simulation failed with seed " + seed + " at step " + simulation.step
                    + " (reproduce: -Dsimulation.seed=" + seed + ")\n" + String.join("\n", simulation.trail()), failure);
        }
    }

    /** One meter and its account as the simulation sees them from outside, plus the physical relay. */
    private static final class Unit {
        final MeterId meter;
        final AccountId account;
        BigDecimal register = BigDecimal.ZERO;
        long expectedBalance;
        boolean protectedSupply;
        boolean relayOn = true;
        /** Commands on their way to the meter, in order (a gateway keeps a meter's commands in order). */
        final Deque<SupplyCommandIssued> toMeter = new ArrayDeque<>();
        long seenEvents;

        Unit(int number) {
            meter = new MeterId("m-" + number);
            account = new AccountId("a-" + number);
        }
    }

    /** An acknowledgement on its way back from the gateway. */
    private record Ack(Unit unit, SupplyCommandId commandId, boolean executed) {
    }

    private static final class Simulation {
        final long seed;
        final Random random;
        final EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).build();
        final SimpleCommandBus bus = SimpleCommandBus.builder().build();
        final CommandGateway commands = DefaultCommandGateway.builder().commandBus(bus).build();
        final StubDeadlineManager deadlines = new StubDeadlineManager(START);
        final EventSourcingRepository<Meter> meters;
        final EventSourcingRepository<Account> accounts;
        final AnnotationEventHandlerAdapter supplyControl;
        final List<Unit> units = new ArrayList<>();
        /** Events the supply-control process has yet to handle, in store order; and those it handled. */
        final Deque<EventMessage<?>> processQueue = new ArrayDeque<>();
        final List<EventMessage<?>> processed = new ArrayList<>();
        final List<Ack> acks = new ArrayList<>();
        /** Commands that ended (confirmed, failed, abandoned or replaced): fair game for contradictory answers. */
        final List<Ack> ended = new ArrayList<>();
        final Deque<String> trail = new ArrayDeque<>();
        /** What the simulation has seen of each meter's commands, from the meter's events. */
        final Map<Unit, SupplyCommandIssued> pending = new LinkedHashMap<>();
        /** A command ended unanswered and no confirmation came since: the relay may be either way. */
        final Map<Unit, Boolean> inDoubt = new HashMap<>();
        /** How many of each account's events the simulation has seen. */
        final Map<Unit, Long> accountsSeen = new HashMap<>();
        final Map<String, Integer> seen = new HashMap<>();
        Instant now = START;
        int step;
        int references;

        Simulation(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            AccountStandingReader[] reader = new AccountStandingReader[1];
            AccountStandings standings = (account, tenant) -> reader[0].of(account, tenant);
            ParameterResolverFactory resources = MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(Meter.class),
                    new SimpleResourceParameterResolverFactory(List.of((SupplyCalendars) tenant -> WINDOW, TIMING,
                            deadlines, standings)));
            meters = EventSourcingRepository.builder(Meter.class).eventStore(store)
                    .parameterResolverFactory(resources).build();
            accounts = EventSourcingRepository.builder(Account.class).eventStore(store)
                    .parameterResolverFactory(resources).build();
            EventSourcingRepository<Tariff> tariffs = EventSourcingRepository.builder(Tariff.class).eventStore(store)
                    .parameterResolverFactory(resources).build();
            reader[0] = new AccountStandingReader(accounts, store);
            bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(
                    new SimpleCorrelationDataProvider(MetadataKeys.TENANT)));
            AggregateAnnotationCommandHandler.<Meter>builder().aggregateType(Meter.class).repository(meters)
                    .parameterResolverFactory(resources).build().subscribe(bus);
            AggregateAnnotationCommandHandler.<Account>builder().aggregateType(Account.class).repository(accounts)
                    .parameterResolverFactory(resources).build().subscribe(bus);
            SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
            queryBus.subscribe(FindUnit.class.getName(), UnitSummary.class, query -> {
                FindUnit find = (FindUnit) query.getPayload();
                return new UnitSummary(find.unitId(), new PropertyId("p-1"), "unit " + find.unitId());
            });
            MeteringService metering = new MeteringService(meters, accounts, tariffs,
                    new TariffReader(store, LastSequences.oneByOne(store)), tenant -> WINDOW, TIMING, deadlines,
                    DefaultQueryGateway.builder().queryBus(queryBus).build());
            new AnnotationCommandHandlerAdapter<>(metering, resources).subscribe(bus);
            supplyControl = new AnnotationEventHandlerAdapter(new SupplyControl(commands), resources);
        }

        List<String> trail() {
            return List.copyOf(trail);
        }

        void note(String what) {
            trail.addLast(step + " " + now + " " + what);
            if (trail.size() > 40) {
                trail.removeFirst();
            }
        }

        void run() {
            atNow(() -> {
                for (int i = 1; i <= METERS; i++) {
                    Unit unit = new Unit(i);
                    units.add(unit);
                    UnitId unitId = new UnitId("u-" + i);
                    send(new RegisterMeter(unit.meter, unitId, Utility.ELECTRICITY, "SN-" + i));
                    send(new OpenAccount(unit.account, unitId, unit.meter, EUR,
                            OpenAccount.privateTariffOf(unit.account), new FlatTariff(BigDecimal.valueOf(PRICE)),
                            now, BigDecimal.ZERO, Map.of()));
                    observe(unit);
                }
            });
            for (step = 1; step <= STEPS; step++) {
                act();
            }
            quiesce();
            checkConverged();
        }

        private void act() {
            int dice = random.nextInt(100);
            Unit unit = units.get(random.nextInt(units.size()));
            if (dice < 20) {
                read(unit);
            } else if (dice < 30) {
                topUp(unit, 50 + random.nextInt(900));
            } else if (dice < 35) {
                refund(unit);
            } else if (dice < 38) {
                protect(unit, !unit.protectedSupply);
            } else if (dice < 50) {
                advanceTime(Duration.ofMinutes(1 + random.nextInt(random.nextBoolean() ? 10 : 600)));
            } else if (dice < 60) {
                handleProcessEvents(1 + random.nextInt(3));
            } else if (dice < 62) {
                restartTheProcess();
            } else if (dice < 75) {
                gatewayDelivers(unit, true);
            } else if (dice < 87) {
                deliverAck(true);
            } else if (dice < 90) {
                contradict();
            } else {
                reconcilerPass();
            }
        }

        // --- the outside world ---

        private void read(Unit unit) {
            BigDecimal consumption = BigDecimal.valueOf(random.nextInt(4));
            BigDecimal register = unit.register.add(consumption);
            atNow(() -> {
                ReadingOutcome outcome = send(new RecordReading(unit.meter, now, register));
                if (outcome.status() == ReadingOutcome.Status.ACCEPTED) {
                    unit.register = register;
                    unit.expectedBalance -= consumption.longValueExact() * PRICE;
                }
                note("read " + unit.meter + " +" + consumption + " -> " + outcome.status());
            });
            observeAll();
        }

        private void topUp(Unit unit, long amount) {
            atNow(() -> {
                send(new RecordTopUp(unit.account, new Money(amount, EUR), "r-" + (++references), null));
                unit.expectedBalance += amount;
                note("top up " + unit.account + " " + amount + " -> " + unit.expectedBalance);
            });
            observeAll();
        }

        private void refund(Unit unit) {
            if (unit.expectedBalance <= 0) {
                return;
            }
            long amount = 1 + random.nextLong(unit.expectedBalance);
            atNow(() -> {
                send(new RefundBalance(unit.account, new Money(amount, EUR), "simulated refund"));
                unit.expectedBalance -= amount;
                note("refund " + unit.account + " " + amount + " -> " + unit.expectedBalance);
            });
            observeAll();
        }

        private void protect(Unit unit, boolean protect) {
            atNow(() -> {
                send(new ProtectMeter(unit.meter, protect, "simulated"));
                unit.protectedSupply = protect;
                note((protect ? "protect " : "unprotect ") + unit.meter);
            });
            observeAll();
        }

        private void advanceTime(Duration by) {
            now = now.plus(by);
            note("time +" + by + (WINDOW.contains(now) ? " (window)" : ""));
            atNow(() -> deadlines.advanceTimeTo(now, this::fire));
            observeAll();
        }

        private void fire(ScopeDescriptor scope, DeadlineMessage<?> deadline) throws Exception {
            note("deadline " + deadline.getDeadlineName() + " " + deadline.getPayload());
            DefaultUnitOfWork<DeadlineMessage<?>> work = DefaultUnitOfWork.startAndGet(deadline);
            work.registerCorrelationDataProvider(new SimpleCorrelationDataProvider(MetadataKeys.TENANT));
            work.executeWithResult(() -> {
                meters.send(deadline, scope);
                return null;
            });
            if (work.getExecutionResult().isExceptionResult()) {
                throw new IllegalStateException(work.getExecutionResult().getExceptionResult());
            }
            observeAll();
        }

        /** The supply-control process handles its next events, in order; it lags by as many as are queued. */
        private void handleProcessEvents(int count) {
            for (int i = 0; i < count && !processQueue.isEmpty(); i++) {
                EventMessage<?> event = processQueue.removeFirst();
                handleInProcess(event);
                processed.add(event);
            }
        }

        /** A node restarts: the process had not stored its position, so it handles its last events again. */
        private void restartTheProcess() {
            int back = Math.min(processed.size(), 1 + random.nextInt(3));
            for (int i = 0; i < back; i++) {
                processQueue.addFirst(processed.removeLast());
            }
            note("process restarts, " + back + " events again");
        }

        private void handleInProcess(EventMessage<?> event) {
            atNow(() -> {
                note("process handles " + event.getPayloadType().getSimpleName());
                DefaultUnitOfWork<EventMessage<?>> work = DefaultUnitOfWork.startAndGet(event);
                work.registerCorrelationDataProvider(new SimpleCorrelationDataProvider(MetadataKeys.TENANT));
                work.executeWithResult(() -> {
                    supplyControl.handle(event);
                    return null;
                });
                if (work.getExecutionResult().isExceptionResult()) {
                    throw new IllegalStateException(work.getExecutionResult().getExceptionResult());
                }
            });
            observeAll();
        }

        /** The gateway passes the oldest command on to the meter: carried out, refused by the relay, or lost. */
        private void gatewayDelivers(Unit unit, boolean faults) {
            SupplyCommandIssued command = unit.toMeter.pollFirst();
            if (command == null) {
                return;
            }
            int dice = faults ? random.nextInt(100) : 0;
            if (dice < 65) {
                unit.relayOn = command.action() == SupplyAction.RESTORE;
                acks.add(new Ack(unit, command.commandId(), true));
                note("meter " + unit.meter + " carries out " + command.action() + " " + command.attempt());
            } else if (dice < 80) {
                unit.relayOn = command.action() == SupplyAction.RESTORE;
                note("meter " + unit.meter + " carries out " + command.action() + ", its acknowledgement is lost");
            } else if (dice < 90) {
                acks.add(new Ack(unit, command.commandId(), false));
                note("relay of " + unit.meter + " does not move for " + command.action());
            } else {
                note("command " + command.action() + " to " + unit.meter + " is lost");
            }
        }

        /** A waiting acknowledgement arrives, in any order; some arrive twice. */
        private void deliverAck(boolean faults) {
            if (acks.isEmpty()) {
                return;
            }
            Ack ack = faults ? acks.get(random.nextInt(acks.size())) : acks.getFirst();
            if (!faults || random.nextInt(10) != 0) {
                acks.remove(ack);
            }
            acknowledge(ack);
        }

        /** An answer that contradicts what happened, about a command that no longer waits for one. */
        private void contradict() {
            if (ended.isEmpty()) {
                return;
            }
            Ack old = ended.get(random.nextInt(ended.size()));
            acknowledge(new Ack(old.unit(), old.commandId(), !old.executed()));
        }

        private void acknowledge(Ack ack) {
            atNow(() -> {
                AcknowledgementOutcome outcome = send(new ConfirmSupplyCommand(ack.unit().meter, ack.commandId(),
                        ack.executed(), ack.executed() ? null : "relay did not move"));
                if (outcome.ignored()) {
                    seen.merge("ack ignored " + outcome.rule(), 1, Integer::sum);
                }
                note("ack " + ack.unit().meter + " " + ack.commandId() + " " + ack.executed() + " -> " + outcome);
            });
            observeAll();
        }

        private void reconcilerPass() {
            for (Unit unit : units) {
                atNow(() -> {
                    send(new ReconcileSupply(unit.meter));
                });
            }
            note("reconciler pass");
            observeAll();
        }

        // --- observing the store: new commands go to the gateway, crossings to the process, cuts are judged ---

        private void observeAll() {
            units.forEach(this::observe);
            for (Unit unit : units) {
                store.readEvents(unit.account.value()).asStream()
                        .filter(event -> event.getSequenceNumber() >= accountSeen(unit))
                        .forEach(event -> {
                            accountsSeen.put(unit, event.getSequenceNumber() + 1);
                            if (event.getPayload() instanceof BalanceDepleted
                                    || event.getPayload() instanceof ReconnectLevelReached) {
                                processQueue.addLast(event);
                            }
                        });
            }
        }

        private long accountSeen(Unit unit) {
            return accountsSeen.getOrDefault(unit, 0L);
        }

        private void observe(Unit unit) {
            List<? extends DomainEventMessage<?>> fresh = store.readEvents(unit.meter.value()).asStream()
                    .filter(event -> event.getSequenceNumber() >= unit.seenEvents).toList();
            for (DomainEventMessage<?> event : fresh) {
                unit.seenEvents = event.getSequenceNumber() + 1;
                switch (event.getPayload()) {
                    case SupplyDecisionRecorded decision -> {
                        seen.merge(decision.decision() + " " + decision.rule(), 1, Integer::sum);
                        if (decision.decision() == SupplyDecision.CUT) {
                            requireCutAllowed(unit, decision);
                        }
                    }
                    case SupplyCommandIssued issued -> {
                        pendingOf(unit).ifPresent(previous -> {
                            if (!previous.commandId().equals(issued.commandId())) {
                                ended.add(new Ack(unit, previous.commandId(), false));
                                inDoubt.put(unit, true);
                            }
                        });
                        pending.put(unit, issued);
                        unit.toMeter.addLast(issued);
                    }
                    case SupplyCommandConfirmed confirmed -> {
                        ended.add(new Ack(unit, confirmed.commandId(), true));
                        pending.remove(unit);
                        inDoubt.put(unit, false);
                    }
                    case SupplyCommandFailed failed when !failed.willRetry() -> {
                        ended.add(new Ack(unit, failed.commandId(), false));
                        pending.remove(unit);
                    }
                    case SupplyCommandTimedOut timedOut when !timedOut.willRetry() -> {
                        seen.merge("abandoned unanswered", 1, Integer::sum);
                        ended.add(new Ack(unit, timedOut.commandId(), false));
                        pending.remove(unit);
                        inDoubt.put(unit, true);
                    }
                    default -> {
                    }
                }
            }
        }

        private Optional<SupplyCommandIssued> pendingOf(Unit unit) {
            return Optional.ofNullable(pending.get(unit));
        }

        private void requireCutAllowed(Unit unit, SupplyDecisionRecorded cut) {
            AccountStanding account = standing(unit);
            if (account.balance() > account.cutOff() || unit.protectedSupply || WINDOW.contains(now)) {
                throw new AssertionError("cut " + cut.rule() + " of " + unit.meter + " while balance "
                        + account.balance() + " above cut-off " + account.cutOff() + ", protected "
                        + unit.protectedSupply + " or inside the window " + WINDOW.contains(now));
            }
        }

        // --- quiescence and the end state ---

        private void quiesce() {
            note("faults off: quiescence");
            for (int round = 0; round < 50; round++) {
                long before = eventCount();
                while (!processQueue.isEmpty()) {
                    handleProcessEvents(1);
                }
                for (Unit unit : units) {
                    while (!unit.toMeter.isEmpty()) {
                        gatewayDelivers(unit, false);
                    }
                }
                while (!acks.isEmpty()) {
                    deliverAck(false);
                }
                if (!pending.isEmpty()) {
                    // a command whose every attempt was lost ends at its last time-out, which only time brings
                    advanceTime(TIMING.timeoutOf(TIMING.maxAttempts()));
                }
                reconcilerPass();
                reconcilerPass();
                if (eventCount() == before && pending.isEmpty() && acks.isEmpty() && processQueue.isEmpty()
                        && units.stream().allMatch(unit -> unit.toMeter.isEmpty())) {
                    return;
                }
            }
            throw new AssertionError("no quiescence after 50 rounds");
        }

        private long eventCount() {
            return units.stream().mapToLong(unit -> unit.seenEvents + accountSeen(unit)).sum();
        }

        private void checkConverged() {
            for (Unit unit : units) {
                AccountStanding account = standing(unit);
                String state = unit.meter + " account " + account + " relay " + (unit.relayOn ? "on" : "off")
                        + " confirmed " + confirmedOn(unit).map(on -> on ? "on" : "off").orElse("on (never changed)")
                        + " protected " + unit.protectedSupply + " window " + WINDOW.contains(now);
                if (account.balance() != unit.expectedBalance || account.balance() != replayedBalance(unit)) {
                    throw new AssertionError("money: " + state + " expected " + unit.expectedBalance + " replayed "
                            + replayedBalance(unit));
                }
                if (account.balance() >= account.reconnect()
                        && (!unit.relayOn || !confirmedOn(unit).orElse(true) || pending.containsKey(unit))) {
                    throw new AssertionError("a paying account's supply is not on: " + state);
                }
                if (account.depleted() && account.balance() <= account.cutOff() && !unit.protectedSupply
                        && !WINDOW.contains(now) && (unit.relayOn || confirmedOn(unit).orElse(true))) {
                    throw new AssertionError("a depleted account's supply is not off: " + state);
                }
                // only a relay in doubt may differ from its confirmed state (held: no rule may move it either way)
                if (!inDoubt.getOrDefault(unit, false) && confirmedOn(unit).orElse(true) != unit.relayOn) {
                    throw new AssertionError("the confirmed state is not the relay's: " + state);
                }
            }
        }

        /** The last state a confirmation recorded (empty: never confirmed, so on as installed). */
        private Optional<Boolean> confirmedOn(Unit unit) {
            return store.readEvents(unit.meter.value()).asStream()
                    .map(EventMessage::getPayload)
                    .filter(SupplyCommandConfirmed.class::isInstance)
                    .map(payload -> ((SupplyCommandConfirmed) payload).action() == SupplyAction.RESTORE)
                    .reduce((first, second) -> second);
        }

        /** The balance as the account's own events add it up, movement by movement. */
        private long replayedBalance(Unit unit) {
            return store.readEvents(unit.account.value()).asStream()
                    .map(EventMessage::getPayload)
                    .filter(MoneyMovement.class::isInstance)
                    .mapToLong(payload -> ((MoneyMovement) payload).signedMinorUnits())
                    .sum();
        }

        private AccountStanding standing(Unit unit) {
            return valueAtNow(() -> {
                DefaultUnitOfWork<?> work = DefaultUnitOfWork.startAndGet(
                        GenericCommandMessage.asCommandMessage("reading the standing of " + unit.account));
                try {
                    return accounts.load(unit.account.value()).invoke(Account::standing);
                } finally {
                    work.rollback();
                }
            });
        }

        // --- plumbing ---

        @SuppressWarnings("unchecked")
        private <R> R send(Object command) {
            return (R) commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(MetadataKeys.TENANT, TENANT)));
        }

        private void atNow(Runnable work) {
            valueAtNow(() -> {
                work.run();
                return null;
            });
        }

        private <T> T valueAtNow(Supplier<T> work) {
            GenericEventMessage.clock = Clock.fixed(now, ZoneOffset.UTC);
            return work.get();
        }
    }
}
