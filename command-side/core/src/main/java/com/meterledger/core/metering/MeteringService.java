package com.meterledger.core.metering;

import com.meterledger.api.account.CloseAccount;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.Settlement;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.FindUnit;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.registry.UnitSummary;
import com.meterledger.api.shared.TenantId;
import com.meterledger.core.account.Account;
import com.meterledger.core.meter.Meter;
import com.meterledger.core.tenancy.TenantGuard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Commands that touch a meter and its account together. A reading and the charge it causes are one fact, so they
 * are stored in one unit of work: either both events are in the store or neither is.
 */
public class MeteringService {
    private final Repository<Meter> meters;
    private final Repository<Account> accounts;
    private final QueryGateway queries;

    public MeteringService(Repository<Meter> meters, Repository<Account> accounts, QueryGateway queries) {
        this.meters = meters;
        this.accounts = accounts;
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
        load(meters, command.meterId().value(), "meter")
                .execute(meter -> meter.attachAccount(command.accountId(), command.openingReadAt(),
                        command.openingRegister(), tenant, now));
        accounts.newInstance(() -> new Account(command, now));
    }

    @CommandHandler
    public ReadingOutcome handle(RecordReading command, @MetaDataValue(TENANT) String tenant) {
        TenantGuard.requireTenant(tenant);
        Instant now = GenericEventMessage.clock.instant();
        Aggregate<Meter> meter = load(meters, command.meterId().value(), "meter");
        Meter.Recorded recorded = meter.invoke(m -> m.record(command, tenant, now));
        recorded.reading().filter(reading -> reading.accountId() != null).ifPresent(reading -> charge(reading, tenant));
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
        Meter.Recorded last = meter.invoke(m -> m.record(
                new RecordReading(meterId, command.finalReadAt(), command.finalRegister()), tenant, now));
        if (last.outcome().status() == ReadingOutcome.Status.REJECTED) {
            throw new RuleViolation("final-reading-" + last.outcome().reason().name().toLowerCase().replace('_', '-'),
                    "the final reading was rejected: " + last.outcome().detail());
        }
        last.reading().filter(reading -> reading.accountId() != null).ifPresent(reading -> charge(reading, tenant));
        meter.execute(m -> m.detachAccount(command.accountId(), command.finalReadAt(), command.finalRegister()));
        long transferred = account.invoke(a -> a.settleAndClose(command.settlement(), command.transferTo(), now));
        if (transferred > 0) {
            receiver.execute(r -> r.receiveTransfer(command.accountId(),
                    new Money(transferred, account.invoke(Account::currency))));
        }
    }

    private Aggregate<Account> transferTarget(CloseAccount command, String tenant, Currency currency) {
        if (command.transferTo() == null || command.transferTo().equals(command.accountId())) {
            throw new RuleViolation("transfer-target-required", "a transfer needs another account to receive it");
        }
        Aggregate<Account> receiver = load(accounts, command.transferTo().value(), "account");
        receiver.execute(r -> r.requireOpen(tenant));
        if (!receiver.invoke(Account::currency).equals(currency)) {
            throw new RuleViolation("currency-mismatch", "the receiving account is kept in another currency");
        }
        return receiver;
    }

    private void charge(ReadingRecorded reading, String tenant) {
        load(accounts, reading.accountId().value(), "account").execute(account -> {
            TenantGuard.requireOwner(account.tenantId(), tenant, "account", reading.accountId());
            account.chargeConsumption(reading.meterId(), reading.readAt(), reading.consumption());
        });
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
