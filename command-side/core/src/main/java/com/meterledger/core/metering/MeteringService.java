package com.meterledger.core.metering;

import com.meterledger.api.account.AssignTariff;
import com.meterledger.api.account.CloseAccount;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.ReplaceMeter;
import com.meterledger.api.account.Settlement;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.error.Reason;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RecordReadings;
import com.meterledger.api.meter.OwnsMeter;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.FindUnit;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.registry.UnitSummary;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.core.supply.AccountStanding;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.core.supply.SupplyTiming;
import com.meterledger.core.tariff.Tariff;
import com.meterledger.core.tariff.TariffReader;
import com.meterledger.core.tariff.TariffTimeline;
import com.meterledger.core.account.Account;
import com.meterledger.core.meter.Meter;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Commands that touch a meter and its account together. A reading and the charge it causes are one fact, so they
 * are stored in one unit of work: either both events are in the store or neither is.
 */
public class MeteringService {
    private final Repository<Meter> meters;
    private final Repository<Account> accounts;
    private final Repository<Tariff> tariffs;
    private final TariffReader tariffReader;
    private final SupplyCalendars calendars;
    private final SupplyTiming timing;
    private final DeadlineManager deadlines;
    private final QueryGateway queries;

    public MeteringService(Repository<Meter> meters, Repository<Account> accounts, Repository<Tariff> tariffs,
                           TariffReader tariffReader, SupplyCalendars calendars, SupplyTiming timing,
                           DeadlineManager deadlines,
                           QueryGateway queries) {
        this.meters = meters;
        this.accounts = accounts;
        this.tariffs = tariffs;
        this.tariffReader = tariffReader;
        this.calendars = calendars;
        this.timing = timing;
        this.deadlines = deadlines;
        this.queries = queries;
    }

    @CommandHandler
    public void handle(RegisterMeter command, @MetaDataValue(TENANT) String tenant) throws Exception {
        TenantGuard.requireTenant(tenant);
        requireUnit(tenant, command.unitId());
        Instant now = GenericEventMessage.clock.instant();
        meters.newInstance(() -> new Meter(command, tenant, now));
    }

    @CommandHandler
    public void handle(OpenAccount command, @MetaDataValue(TENANT) String tenant) throws Exception {
        TenantGuard.requireTenant(tenant);
        requireUnit(tenant, command.unitId());
        Instant now = GenericEventMessage.clock.instant();
        Aggregate<Meter> meter = load(meters, command.meterId().value(), "meter");
        meter.execute(m -> TenantGuard.requireOwner(m.tenantId(), tenant, "meter", command.meterId()));
        Utility utility = meter.invoke(Meter::utility);
        TariffTimeline timeline;
        if (command.privateFlatPrice() != null) {
            Aggregate<Tariff> created = tariffs.newInstance(() -> Tariff.privateFlat(command.tariffId(),
                    OpenAccount.privateTariffName(command.accountId()), utility, command.currency(),
                    command.privateFlatPrice().minorUnitsPerUnit(), command.openingReadAt()));
            timeline = created.invoke(Tariff::timeline);
        } else {
            timeline = tariffFor(command.tariffId(), tenant, utility, command.currency(), command.openingReadAt());
        }
        if (timeline.versionAt(command.openingReadAt()).orElseThrow().version().schedule()
                instanceof TariffSchedule.TimeOfUse && command.openingRegisters().isEmpty()) {
            throw new RuleViolation(TariffRules.REGISTERS_REQUIRED, Reason.of("tariff-registers-required-opening",
                    "tariff " + command.tariffId() + " is time-of-use: the opening reading needs a value per register",
                    command.tariffId().value()));
        }
        meter.execute(m -> m.attachAccount(command.accountId(), command.openingReadAt(), command.openingRegister(),
                command.openingRegisters(), tenant, now));
        accounts.newInstance(() -> new Account(command, timeline, now));
    }

    /**
     * Re-prices an account by another tariff of its tenant, from the meter's latest reading on. The tariff must be
     * for the meter's utility, in the account's currency, and have a version in force from that reading.
     */
    @CommandHandler
    public void handle(AssignTariff command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Instant now = GenericEventMessage.clock.instant();
        Aggregate<Account> account = load(accounts, command.accountId().value(), "account");
        account.execute(a -> a.requireOpen(tenant));
        Aggregate<Meter> meter = load(meters, account.invoke(Account::meterId).value(), "meter");
        Instant from = meter.invoke(Meter::lastReadAt);
        tariffFor(command.tariffId(), tenant, meter.invoke(Meter::utility), account.invoke(Account::currency), from);
        account.execute(a -> a.assignTariff(command.tariffId(), from, tenant, now));
    }

    /**
     * The tenant's tariff, checked: same utility as the meter, same currency as the account, in force at {@code from}.
     * Read through {@link TariffReader} (the store's events, a kept copy confirmed by one index look-up), not loaded as
     * an aggregate: loading takes the tariff's lock until the unit of work commits, so every move-in on one tariff
     * waited for the one before it to commit. A bulk import's four workers, each opening 25 accounts per unit of work
     * on the same tariff, ran one at a time that way (thread dumps of infra/perf {@code import}, 2026-12-07: three of
     * four workers parked on the lock). Only reading it, the commands never needed the lock; a version published
     * meanwhile is seen as a reading sees it. (On 2 cores the import is CPU-bound, so its rate did not change: 98.9 s
     * before and 99.9 s after for 10,000 rows at load 10-18; the workers no longer queue, which pays on more cores.)
     */
    private TariffTimeline tariffFor(TariffId tariffId, String tenant, Utility utility, Currency currency, Instant from) {
        TariffReader.TariffState tariff = tariffReader.read(new TenantId(tenant), tariffId);
        if (tariff.utility() != utility) {
            throw new RuleViolation("tariff-utility-mismatch", "tariff " + tariffId + " prices "
                    + tariff.utility() + ", the meter measures " + utility);
        }
        if (currency != null && !tariff.currency().equals(currency)) {
            throw new RuleViolation("currency-mismatch", Reason.of("currency-tariff-not-the-accounts", "tariff "
                    + tariffId + " is in " + tariff.currency() + ", the account is kept in " + currency,
                    tariff.currency().getCurrencyCode(), currency.getCurrencyCode()));
        }
        TariffTimeline timeline = tariff.timeline();
        if (from != null && timeline.versionAt(from).isEmpty()) {
            String english = "tariff " + tariffId + " has no version in force at " + from;
            throw new RuleViolation(TariffRules.NO_VERSION_IN_FORCE, timeline.versions().isEmpty()
                    ? Reason.of("tariff-no-version-published", english + " (none published)", from)
                    : Reason.of("tariff-version-not-yet-in-force", english + " (the first takes effect at "
                    + timeline.versions().getFirst().effectiveFrom() + ")", from,
                    timeline.versions().getFirst().effectiveFrom()));
        }
        return timeline;
    }

    @CommandHandler
    public ReadingOutcome handle(RecordReading command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Instant now = GenericEventMessage.clock.instant();
        Aggregate<Meter> meter = load(meters, command.meterId().value(), "meter");
        return record(command, meter, tenant, now);
    }

    /**
     * A gateway's readings in this one unit of work (one transaction), each by exactly the logic of a single
     * {@link RecordReading}. Per item: an unknown or foreign meter is answered NOT_FOUND, and a {@link NotFound} or
     * {@link RuleViolation} raised before the item changed anything is answered NOT_FOUND / REFUSED, the other items
     * going on. A failure after an item's meter took its reading (e.g. while charging) cannot be undone for that item
     * alone, so it fails the whole batch, as does any other exception: the unit of work rolls back, every aggregate
     * it loaded is evicted from the cache, and the caller retries.
     */
    @CommandHandler
    public List<ReadingOutcome> handle(RecordReadings command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Instant now = GenericEventMessage.clock.instant();
        tariffReader.confirm(tariffsOf(command.readings()));
        List<ReadingOutcome> outcomes = new ArrayList<>(command.readings().size());
        for (RecordReading reading : command.readings()) {
            outcomes.add(recordItem(reading, tenant, now));
        }
        return outcomes;
    }

    /**
     * The tariffs the batch's readings will be priced with, so that one look-up confirms them all. The meters and
     * accounts loaded here stay in the unit of work for the readings themselves; an unknown one is simply skipped here
     * and answered by its item.
     */
    private Set<TariffId> tariffsOf(List<RecordReading> readings) {
        Set<TariffId> tariffIds = new LinkedHashSet<>();
        for (RecordReading reading : readings) {
            try {
                load(meters, reading.meterId().value(), "meter").invoke(Meter::attachedAccount)
                        .map(account -> load(accounts, account.value(), "account").invoke(Account::tariffId))
                        .ifPresent(tariffIds::add);
            } catch (NotFound unknown) {
                // its item answers NOT_FOUND
            }
        }
        return tariffIds;
    }

    private ReadingOutcome recordItem(RecordReading command, String tenant, Instant now) {
        Aggregate<Meter> meter;
        try {
            // a failed load registers nothing with the unit of work: no lock kept, no cache entry, no SQL error
            meter = load(meters, command.meterId().value(), "meter");
        } catch (NotFound e) {
            return ReadingOutcome.notFound(e.getMessage());
        }
        Long versionBefore = meter.version();
        try {
            return record(command, meter, tenant, now);
        } catch (NotFound | RuleViolation e) {
            if (!Objects.equals(versionBefore, meter.version())) {
                throw e; // the meter already applied an event for this item: only a rollback of the batch undoes it
            }
            return e instanceof RuleViolation violation ? ReadingOutcome.refused(violation.rule(), e.getMessage())
                    : ReadingOutcome.notFound(e.getMessage());
        }
    }

    /** A reading and the charge it causes, in the current unit of work: the single and the batch path share it. */
    private ReadingOutcome record(RecordReading command, Aggregate<Meter> meter, String tenant, Instant now) {
        Meter.Recorded recorded = meter.invoke(m -> m.record(command, tenant, now));
        recorded.reading().filter(reading -> reading.accountId() != null).ifPresent(reading ->
                charge(reading, tenant).ifPresent(depleted -> meter.execute(m -> m.evaluateDepletion(
                        reading.accountId(), depleted, tenant, calendars, timing, deadlines))));
        return recorded.outcome();
    }

    @CommandHandler
    public void handle(CloseAccount command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Instant now = GenericEventMessage.clock.instant();
        Aggregate<Account> account = load(accounts, command.accountId().value(), "account");
        account.execute(a -> a.requireOpen(tenant));
        Aggregate<Account> receiver = command.settlement() == Settlement.TRANSFER
                ? transferTarget(command, tenant, account.invoke(Account::currency)) : null;
        MeterId meterId = account.invoke(Account::meterId);
        Aggregate<Meter> meter = load(meters, meterId.value(), "meter");
        chargeFinalReading(meter, new RecordReading(meterId, command.finalReadAt(), command.finalRegister(),
                command.finalRegisters()), tenant, now);
        meter.execute(m -> m.detachAccount(command.accountId(), command.finalReadAt(), command.finalRegister()));
        long transferred = account.invoke(a -> a.settleAndClose(command.settlement(), command.transferTo(), now));
        if (transferred > 0) {
            receiver.execute(r -> r.receiveTransfer(command.accountId(),
                    new Money(transferred, account.invoke(Account::currency))));
        }
    }

    /** A meter's last reading for its account (move-out, replacement): charged, or the whole command refused. */
    private void chargeFinalReading(Aggregate<Meter> meter, RecordReading finalReading, String tenant, Instant now) {
        Meter.Recorded last = meter.invoke(m -> m.record(finalReading, tenant, now));
        if (last.outcome().status() == ReadingOutcome.Status.REJECTED) {
            Reason specific = last.outcome().specific();
            throw new RuleViolation("final-reading-" + last.outcome().reason().name().toLowerCase().replace('_', '-'),
                    new Reason(specific.code(), "the final reading of meter " + finalReading.meterId()
                            + " was rejected: " + last.outcome().detail(), specific.figures()));
        }
        last.reading().filter(reading -> reading.accountId() != null).ifPresent(reading -> charge(reading, tenant));
    }

    /**
     * Meter replacement in one unit of work: the old meter's final reading is charged, the old meter is detached and
     * decommissioned, the new one attached with its opening reading, and the account records the swap. Everything
     * is checked before anything is recorded; a refusal anywhere rolls the whole unit of work back.
     */
    @CommandHandler
    public void handle(ReplaceMeter command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Instant now = GenericEventMessage.clock.instant();
        Aggregate<Account> account = load(accounts, command.accountId().value(), "account");
        account.execute(a -> a.requireOpen(tenant));
        MeterId oldId = account.invoke(Account::meterId);
        MeterReplacementPolicy.judgeRequest(command.accountId(), oldId, command.oldMeterId(), command.newMeterId(),
                command.oldFinalReadAt(), command.newOpeningReadAt()).ifPresent(refusal -> {
                    throw refusal;
                });
        Aggregate<Meter> replacement = load(meters, command.newMeterId().value(), "meter");
        replacement.execute(m -> TenantGuard.requireOwner(m.tenantId(), tenant, "meter", command.newMeterId()));
        Aggregate<Meter> old = load(meters, oldId.value(), "meter");
        Utility utility = old.invoke(Meter::utility);
        TariffTimeline timeline = tariffFor(account.invoke(Account::tariffId), tenant, utility, null, null);
        boolean timeOfUse = timeline.versionAt(command.newOpeningReadAt())
                .map(v -> v.version().schedule() instanceof TariffSchedule.TimeOfUse).orElse(false);
        MeterReplacementPolicy.judgeMeters(command.newMeterId(), utility, replacement.invoke(Meter::utility), timeOfUse,
                !command.newOpeningRegisters().isEmpty()).ifPresent(refusal -> {
                    throw refusal;
                });
        chargeFinalReading(old, new RecordReading(oldId, command.oldFinalReadAt(), command.oldFinalRegister(),
                command.oldFinalRegisters()), tenant, now);
        old.execute(m -> m.detachAccount(command.accountId(), command.oldFinalReadAt(), command.oldFinalRegister()));
        old.execute(m -> m.decommission("replaced by meter " + command.newMeterId(), tenant, now));
        replacement.execute(m -> m.attachAccount(command.accountId(), command.newOpeningReadAt(),
                command.newOpeningRegister(), command.newOpeningRegisters(), tenant, now));
        account.execute(a -> a.replaceMeter(oldId, command.oldFinalReadAt(), command.oldFinalRegister(),
                command.newMeterId(), command.newOpeningReadAt(), command.newOpeningRegister(), tenant));
    }

    private Aggregate<Account> transferTarget(CloseAccount command, String tenant, Currency currency) {
        if (command.transferTo() == null || command.transferTo().equals(command.accountId())) {
            throw new RuleViolation("transfer-target-required", "a transfer needs another account to receive it");
        }
        Aggregate<Account> receiver = load(accounts, command.transferTo().value(), "account");
        receiver.execute(r -> r.requireOpen(tenant));
        if (!receiver.invoke(Account::currency).equals(currency)) {
            throw new RuleViolation("currency-mismatch", Reason.of("currency-receiver-not-the-accounts",
                    "the receiving account is kept in another currency",
                    receiver.invoke(Account::currency).getCurrencyCode(), currency.getCurrencyCode()));
        }
        return receiver;
    }

    /**
     * Prices an accepted reading with the account's tariff, in the reading's unit of work. The tariff is read from
     * the store, not loaded as an aggregate: loading would lock it for the whole transaction and make every reading of
     * every account on a shared tariff wait for the others. Its utility and currency were checked when the account
     * was given the tariff.
     *
     * @return the account's standing after the charge when this charge depleted it, for the meter to decide on
     */
    private Optional<AccountStanding> charge(ReadingRecorded reading, String tenant) {
        Aggregate<Account> account = load(accounts, reading.accountId().value(), "account");
        account.execute(a -> TenantGuard.requireOwner(a.tenantId(), tenant, "account", reading.accountId()));
        boolean depletedBefore = account.invoke(Account::depleted);
        TariffTimeline timeline = tariffReader.read(new TenantId(tenant), account.invoke(Account::tariffId)).timeline();
        account.execute(a -> a.chargeConsumption(reading, timeline));
        return !depletedBefore && account.invoke(Account::depleted)
                ? Optional.of(account.invoke(Account::standing)) : Optional.empty();
    }

    /**
     * Whether the tenant owns the meter (the gateway registry asks before it relays a meter). Another tenant's meter
     * is answered like an unknown one; the aggregate's own tenant decides, as for every command.
     */
    @QueryHandler
    public Boolean handle(OwnsMeter query) {
        try {
            return meters.load(query.meterId().value()).invoke(meter -> query.tenantId().value().equals(meter.tenantId()));
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    private void requireUnit(String tenant, UnitId unitId) {
        Optional<UnitSummary> unit = queries.query(new FindUnit(new TenantId(tenant), unitId),
                ResponseTypes.optionalInstanceOf(UnitSummary.class)).join();
        if (unit.isEmpty()) {
            throw new NotFound("unit", unitId);
        }
    }

    private static <T> Aggregate<T> load(Repository<T> repository, String id, String what) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw new NotFound(what, id);
        }
    }
}
