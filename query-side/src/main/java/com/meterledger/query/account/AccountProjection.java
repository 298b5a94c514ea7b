package com.meterledger.query.account;

import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountClosed;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.MeterReplaced;
import com.meterledger.api.account.MoneyMovement;
import com.meterledger.api.account.BalanceAdjusted;
import com.meterledger.api.account.BalanceRefunded;
import com.meterledger.api.account.BalanceTransferredIn;
import com.meterledger.api.account.BalanceTransferredOut;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.DebtRecovered;
import com.meterledger.api.account.DebtRegistered;
import com.meterledger.api.account.EmergencyCreditGranted;
import com.meterledger.api.account.EmergencyCreditRepaid;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.account.ReconnectLevelReached;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.TariffAssigned;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.supply.MeterProtectionChanged;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.query.projection.CollectedWrites;
import com.meterledger.query.projection.ProjectionWriteBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Keeps the account read tables. Idempotent: a redelivered event finds its ledger line already there (keyed by the
 * account's event sequence) and the balance already at or past its sequence, so replays never double count.
 * <p>
 * Account events and readings, which are all but a few rare events, write nothing as they come. Per batch of events
 * (one transaction) each account's row is read once, all of its events are applied to it in order, and its final
 * state is written once when the batch commits, with the ledger and register lines, every kind of row in one
 * statement ({@link ProjectionWriteBatch}). A rebuild then costs a handful of statements per batch of events instead
 * of several per event. The rare events that change an account's supply (by meter, or a meter replacement) send what
 * was collected first and write at once.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {
    public static final String PROCESSING_GROUP = "account-projection";
    private static final String WRITES = AccountProjection.class.getName() + ".writes";
    private static final String ROWS = AccountProjection.class.getName() + ".rows";
    private static final String CHANGED = AccountProjection.class.getName() + ".changed";
    /** The aggregate type of account events (the account's id is the aggregate's). */
    private static final String ACCOUNT_AGGREGATE = "Account";
    private static final ProjectionWriteBatch.Statement<ChargeLine> INSERT_CHARGE_LINE =
            ProjectionWriteBatch.Statement.perRow(ChargeLine.class, """
                    insert into account_ledger_line (account_id, sequence_number, tenant_id, occurred_at, read_at,
                        kind, amount_minor, balance_after_minor, quantity, breakdown)
                    values (:accountId, :sequence, :tenantId, :chargedAt, :readAt, 'CHARGE', :amount, :balanceAfter,
                        :quantity, cast(:breakdown as jsonb))
                    on conflict (account_id, sequence_number) do nothing""");
    private static final ProjectionWriteBatch.Statement<LedgerLine> INSERT_LINE =
            ProjectionWriteBatch.Statement.perRow(LedgerLine.class, """
                    insert into account_ledger_line (account_id, sequence_number, tenant_id, occurred_at, kind,
                        amount_minor, balance_after_minor, reference)
                    values (:accountId, :sequence, :tenantId, :occurredAt, :kind, :amount, :balanceAfter, :reference)
                    on conflict (account_id, sequence_number) do nothing""");
    private static final ProjectionWriteBatch.Statement<RegisterLine> INSERT_REGISTER_LINE =
            ProjectionWriteBatch.Statement.perRow(RegisterLine.class, """
                    insert into account_register_line (account_id, meter_id, read_at, tenant_id, register_value,
                        consumption, opening)
                    values (:accountId, :meterId, :readAt, :tenantId, :register, :consumption, :opening)
                    on conflict (account_id, read_at, meter_id) do nothing""");
    /**
     * Accounts opened in a batch, as they stand at its end. A meter keeps its supply when its account changes (a
     * meter cut for the last occupant stays off until a restore): a new account starts with the supply of the newest
     * account its meter supplied before, else on.
     */
    private static final ProjectionWriteBatch.Statement<AccountColumns> INSERT_ACCOUNTS =
            ProjectionWriteBatch.Statement.allRowsAtOnce(AccountColumns.class, """
                    insert into account_view (account_id, tenant_id, unit_id, meter_id, currency, opened_at,
                        balance_minor, last_sequence, warning_level, depleted, last_read_at, last_register, closed_at,
                        debt_minor, tariff_id, supply_state, pending_command, protected)
                    select v.*, coalesce(before.supply_state, 'ON'), before.pending_command,
                        coalesce(before.protected, false)
                    from unnest(:accountId, :tenantId, :unitId, :meterId, :currency, :openedAt, :balance,
                        :lastSequence, :warningLevel, :depleted, :lastReadAt, :lastRegister, :closedAt, :debt,
                        :tariffId) as v(account_id, tenant_id, unit_id, meter_id, currency, opened_at, balance_minor,
                        last_sequence, warning_level, depleted, last_read_at, last_register, closed_at, debt_minor,
                        tariff_id)
                    left join lateral (select o.supply_state, o.pending_command, o.protected from account_view o
                                       where o.meter_id = v.meter_id and o.tenant_id = v.tenant_id
                                       order by o.opened_at desc limit 1) before on true
                    on conflict (account_id) do nothing""").merging(AccountColumns::accountId, (kept, next) -> next);
    /** The columns account events own, of accounts opened before the batch, as they stand at its end. */
    private static final ProjectionWriteBatch.Statement<AccountColumns> UPDATE_ACCOUNTS =
            ProjectionWriteBatch.Statement.allRowsAtOnce(AccountColumns.class, """
                    update account_view a set balance_minor = v.balance, last_sequence = v.sequence,
                        warning_level = v.warning_level, depleted = v.depleted, last_read_at = v.read_at,
                        last_register = v.register, closed_at = v.closed_at, debt_minor = v.debt,
                        tariff_id = v.tariff_id
                    from unnest(:accountId, :balance, :lastSequence, :warningLevel, :depleted, :lastReadAt,
                        :lastRegister, :closedAt, :debt, :tariffId) as v(account_id, balance, sequence,
                        warning_level, depleted, read_at, register, closed_at, debt, tariff_id)
                    where a.account_id = v.account_id""").merging(AccountColumns::accountId, (kept, next) -> next);

    /** A charge's line of the account's statement. */
    private record ChargeLine(String accountId, long sequence, String tenantId, Instant chargedAt, Instant readAt,
                              long amount, long balanceAfter, BigDecimal quantity, String breakdown) {
    }

    /** A money movement's line of the account's statement, other than a charge's. */
    private record LedgerLine(String accountId, long sequence, String tenantId, Instant occurredAt, String kind,
                              long amount, long balanceAfter, String reference) {
    }

    /** A register value a period report starts or ends with. */
    private record RegisterLine(String accountId, String meterId, Instant readAt, String tenantId,
                                BigDecimal register, BigDecimal consumption, boolean opening) {
    }

    /** An account's row of {@code account_view} as a batch leaves it: the columns account events own. */
    private record AccountColumns(String accountId, String tenantId, String unitId, String meterId, String currency,
                                Instant openedAt, long balance, long lastSequence, int warningLevel,
                                boolean depleted, Instant lastReadAt, BigDecimal lastRegister, Instant closedAt,
                                long debt, String tariffId) {
    }

    private final JdbcClient jdbc;
    private final ProjectionWriteBatch.Writes writes;
    private final ObjectMapper json;
    private final QueryUpdateEmitter emitter;

    public AccountProjection(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json, QueryUpdateEmitter emitter) {
        this.jdbc = jdbc;
        this.writes = new ProjectionWriteBatch.Writes(batches, WRITES, AccountProjection.class);
        this.json = json;
        this.emitter = emitter;
    }

    /** An account's row as the projection keeps it; {@code opened} rows are new in this batch. */
    private static final class AccountRow {
        final String accountId;
        final boolean opened;
        String tenantId;
        String unitId;
        String meterId;
        String currency;
        Instant openedAt;
        long balance;
        long lastSequence;
        int warningLevel;
        boolean depleted;
        Instant lastReadAt;
        BigDecimal lastRegister;
        Instant closedAt;
        long debt;
        String tariffId;

        AccountRow(String accountId, boolean opened) {
            this.accountId = accountId;
            this.opened = opened;
        }
    }

    /**
     * The account rows a batch has read and changed, the accounts it found without a row, and the tenants whose
     * accounts of the batch were read in one query.
     */
    private static final class BatchRows {
        final Map<String, AccountRow> rows = new HashMap<>();
        final Set<String> absent = new HashSet<>();
        final Set<String> prefetched = new HashSet<>();
    }

    /**
     * Any other event's writes must land after the rows collected before it, and may change what the batch has read
     * of an account: those are sent and forgotten first. An event that writes at once does so in its own savepoint,
     * so that a failing one is dead-lettered alone (see {@link ProjectionWriteBatch}).
     */
    @MessageHandlerInterceptor
    Object inOrder(EventMessage<?> event, InterceptorChain chain) throws Exception {
        if (!writes.collects(event.getPayloadType()) && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(ROWS);
        }
        return writes.inOrder(event, chain);
    }

    @EventHandler
    @CollectedWrites
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence) {
        String accountId = event.accountId().value();
        BatchRows batch = batch();
        if (row(batch, tenant, accountId).isEmpty()) {
            AccountRow row = new AccountRow(accountId, true);
            row.tenantId = tenant;
            row.unitId = event.unitId().value();
            row.meterId = event.meterId().value();
            row.currency = event.currency().getCurrencyCode();
            row.openedAt = event.openedAt();
            row.lastSequence = sequence;
            row.lastReadAt = event.openingReadAt();
            row.lastRegister = event.openingRegister();
            row.tariffId = event.tariffId() == null ? null : event.tariffId().value();
            batch.absent.remove(accountId);
            batch.rows.put(accountId, row);
            write(tenant, row);
        }
        addRegister(tenant, accountId, event.meterId().value(), event.openingReadAt(), event.openingRegister(),
                BigDecimal.ZERO, true);
    }

    /** The account is supplied through another meter: its supply state is the new meter's (installed on). */
    @EventHandler
    void on(MeterReplaced event, @MetaDataValue(TENANT) String tenant) {
        changed(tenant, event.accountId().value(), null);
        jdbc.sql("""
                        update account_view set meter_id = ?, last_read_at = ?, last_register = ?, supply_state = 'ON',
                            pending_command = null, protected = false
                        where account_id = ?""")
                .params(event.newMeterId().value(), ts(event.newOpeningReadAt()), event.newOpeningRegister(),
                        event.accountId().value())
                .update();
        addRegister(tenant, event.accountId().value(), event.newMeterId().value(), event.newOpeningReadAt(),
                event.newOpeningRegister(), BigDecimal.ZERO, false);
    }

    @EventHandler
    @CollectedWrites
    void on(TariffAssigned event, @MetaDataValue(TENANT) String tenant) {
        change(tenant, event.accountId().value(), row -> row.tariffId = event.tariffId().value());
    }

    @EventHandler
    @CollectedWrites
    void on(AccountCredited event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence) {
        addLine(tenant, event, sequence, event.creditedAt(), "CREDIT", event.reference());
    }

    @EventHandler
    @CollectedWrites
    void on(ConsumptionCharged event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant chargedAt) {
        String account = event.accountId().value();
        long balanceAfter = event.balanceAfter().minorUnits();
        writes.add(tenant, INSERT_CHARGE_LINE, new ChargeLine(account, sequence, tenant, chargedAt, event.readAt(),
                event.signedMinorUnits(), balanceAfter, event.quantity(), breakdown(event)));
        // a charge never raises the balance, so never clears a warning
        change(tenant, account, row -> {
            if (sequence > row.lastSequence) {
                row.balance = balanceAfter;
                row.lastSequence = sequence;
            }
        });
    }

    @EventHandler
    @CollectedWrites
    void on(EmergencyCreditGranted event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "EMERGENCY_CREDIT", null);
    }

    @EventHandler
    @CollectedWrites
    void on(EmergencyCreditRepaid event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "EMERGENCY_CREDIT_REPAID", null);
    }

    @EventHandler
    @CollectedWrites
    void on(DebtRecovered event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "DEBT_RECOVERED", null);
        change(tenant, event.accountId().value(), row -> row.debt = event.debtAfter().minorUnits());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceRefunded event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "REFUND", event.reason());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceTransferredOut event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "TRANSFER_OUT", event.to().value());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceTransferredIn event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "TRANSFER_IN", event.from().value());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceAdjusted event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "ADJUSTMENT", event.reason());
    }

    /** What a closed account still owes follows from its balance and debt, which stay as they were at closing. */
    @EventHandler
    @CollectedWrites
    void on(AccountClosed event, @MetaDataValue(TENANT) String tenant) {
        change(tenant, event.accountId().value(), row -> row.closedAt = event.closedAt());
    }

    @EventHandler
    @CollectedWrites
    void on(DebtRegistered event, @MetaDataValue(TENANT) String tenant) {
        change(tenant, event.accountId().value(), row -> row.debt = event.debtAfter().minorUnits());
    }

    @EventHandler
    @CollectedWrites
    void on(LowBalanceWarningReached event, @MetaDataValue(TENANT) String tenant) {
        change(tenant, event.accountId().value(), row -> row.warningLevel = Math.max(row.warningLevel, event.level()));
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceDepleted event, @MetaDataValue(TENANT) String tenant) {
        change(tenant, event.accountId().value(), row -> row.depleted = true);
    }

    @EventHandler
    @CollectedWrites
    void on(ReconnectLevelReached event, @MetaDataValue(TENANT) String tenant) {
        change(tenant, event.accountId().value(), row -> row.depleted = false);
    }

    @EventHandler
    void on(SupplyCommandIssued event, @MetaDataValue(TENANT) String tenant) {
        changed(tenant, null, event.meterId().value());
        jdbc.sql("update account_view set pending_command = ? where meter_id = ?")
                .params(event.action().name(), event.meterId().value()).update();
    }

    @EventHandler
    void on(SupplyCommandConfirmed event, @MetaDataValue(TENANT) String tenant) {
        changed(tenant, null, event.meterId().value());
        jdbc.sql("update account_view set pending_command = null, supply_state = ? where meter_id = ?")
                .params(event.action() == SupplyAction.CUT ? "OFF" : "ON", event.meterId().value()).update();
    }

    @EventHandler
    void on(SupplyCommandFailed event, @MetaDataValue(TENANT) String tenant) {
        if (!event.willRetry()) {
            clearPendingCommand(tenant, event.meterId().value());
        }
    }

    @EventHandler
    void on(SupplyCommandTimedOut event, @MetaDataValue(TENANT) String tenant) {
        if (!event.willRetry()) {
            clearPendingCommand(tenant, event.meterId().value());
        }
    }

    @EventHandler
    void on(MeterProtectionChanged event, @MetaDataValue(TENANT) String tenant) {
        changed(tenant, null, event.meterId().value());
        jdbc.sql("update account_view set protected = ? where meter_id = ?")
                .params(event.protectedSupply(), event.meterId().value()).update();
    }

    private void clearPendingCommand(String tenant, String meterId) {
        changed(tenant, null, meterId);
        jdbc.sql("update account_view set pending_command = null where meter_id = ?").param(meterId).update();
    }

    @EventHandler
    @CollectedWrites
    void on(ReadingRecorded event, @MetaDataValue(TENANT) String tenant) {
        if (event.accountId() == null) {
            return;
        }
        String account = event.accountId().value();
        addRegister(tenant, account, event.meterId().value(), event.readAt(), event.registerValue(),
                event.consumption() == null ? BigDecimal.ZERO : event.consumption(), false);
        change(tenant, account, row -> {
            if (row.lastReadAt == null || event.readAt().isAfter(row.lastReadAt)) {
                row.lastReadAt = event.readAt();
                row.lastRegister = event.registerValue();
            }
        });
    }

    /** The tariff's explanation of a charge, as stored in the statement line. */
    private String breakdown(ConsumptionCharged event) {
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("tariffId", event.tariffId() == null ? null : event.tariffId().value());
        breakdown.put("from", event.from());
        breakdown.put("registers", event.registers());
        breakdown.put("lines", event.lines());
        breakdown.put("exactAmount", event.exactAmount());
        breakdown.put("remainderCarried", event.remainderCarried());
        try {
            return json.writeValueAsString(breakdown);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a charge's breakdown", e);
        }
    }

    /**
     * A rebuild (see com.meterledger.query.audit.ProjectionRebuilds) starts from empty tables. They hold every
     * tenant's rows, so this is a platform-level operation; the database function truncates as the tables' owner,
     * which row-level security does not restrict (see V40__audit_and_period_reports.sql).
     */
    @ResetHandler
    void reset() {
        jdbc.sql("select meterledger_reset_account_projection()").query().listOfRows();
    }

    /** The register values a period report starts and ends with: opening register and every attributed reading. */
    private void addRegister(String tenant, String accountId, String meterId, Instant readAt, BigDecimal register,
                             BigDecimal consumption, boolean opening) {
        writes.add(tenant, INSERT_REGISTER_LINE, new RegisterLine(accountId, meterId, readAt, tenant, register,
                consumption, opening));
    }

    /**
     * A line per money movement other than a charge: {@code at} is when it was booked. A newer movement sets the
     * balance; money in clears the warning level.
     */
    private void addLine(String tenant, MoneyMovement event, long sequence, Instant at, String kind,
                         String reference) {
        String accountId = event.accountId().value();
        long amount = event.signedMinorUnits();
        long balanceAfter = event.balanceAfter().minorUnits();
        writes.add(tenant, INSERT_LINE, new LedgerLine(accountId, sequence, tenant, at, kind, amount, balanceAfter,
                reference));
        change(tenant, accountId, row -> {
            if (sequence > row.lastSequence) {
                row.balance = balanceAfter;
                row.lastSequence = sequence;
                if (amount > 0) {
                    row.warningLevel = 0;
                }
            }
        });
    }

    /** Applies an event to the account's row as the batch has it and records the row's new state for the batch. */
    private void change(String tenant, String accountId, Consumer<AccountRow> change) {
        row(batch(), tenant, accountId).ifPresent(row -> {
            change.accept(row);
            write(tenant, row);
        });
    }

    private void write(String tenant, AccountRow row) {
        changed(tenant, row.accountId, null);
        writes.add(tenant, row.opened ? INSERT_ACCOUNTS : UPDATE_ACCOUNTS, new AccountColumns(row.accountId,
                row.tenantId, row.unitId, row.meterId, row.currency, row.openedAt, row.balance, row.lastSequence,
                row.warningLevel, row.depleted, row.lastReadAt, row.lastRegister, row.closedAt, row.debt,
                row.tariffId));
    }

    /**
     * Live subscribers of this account ({@link AccountUpdates}) hear of it once the transaction has committed (the
     * emitter waits for the commit): once per batch, however many of its events concern the account or its meter.
     */
    private void changed(String tenant, String accountId, String meterId) {
        String key = accountId != null ? "account:" + accountId : "meter:" + meterId;
        if (CurrentUnitOfWork.isStarted() && !CurrentUnitOfWork.get().root()
                .<Set<String>>getOrComputeResource(CHANGED, k -> new HashSet<>()).add(tenant + ":" + key)) {
            return;
        }
        AccountChanged change = new AccountChanged(tenant, accountId, meterId);
        emitter.emit(AccountChangesQuery.class, query -> query.concerns(change), change);
    }

    /**
     * The batch's rows; a fresh set for every event when events are written at once (after a failed batch): a row
     * changed by an event whose savepoint is rolled back must not be seen by the next.
     */
    private BatchRows batch() {
        if (!CurrentUnitOfWork.isStarted() || writes.writesAtOnce()) {
            return new BatchRows();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(ROWS, key -> new BatchRows());
    }

    /**
     * The account's row as the batch has it. The first time the batch needs an account of a tenant, the rows of all
     * that tenant's accounts with events in the batch are read in one query (row-level security: the connection is
     * set to that tenant); an account not found then is read on its own when asked for again.
     */
    private Optional<AccountRow> row(BatchRows batch, String tenant, String accountId) {
        AccountRow kept = batch.rows.get(accountId);
        if (kept != null || batch.absent.contains(accountId)) {
            return Optional.ofNullable(kept);
        }
        Set<String> ids = new HashSet<>();
        ids.add(accountId);
        if (batch.prefetched.add(tenant)) {
            ids.addAll(accountsWithEventsInBatch(tenant));
        }
        jdbc.sql("""
                        select account_id, balance_minor, last_sequence, warning_level, depleted, last_read_at,
                            last_register, closed_at, debt_minor, tariff_id
                        from account_view where account_id = any(?)""")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> {
                    AccountRow row = new AccountRow(rs.getString(1), false);
                    row.balance = rs.getLong(2);
                    row.lastSequence = rs.getLong(3);
                    row.warningLevel = rs.getInt(4);
                    row.depleted = rs.getBoolean(5);
                    row.lastReadAt = instant(rs.getTimestamp(6));
                    row.lastRegister = rs.getBigDecimal(7);
                    row.closedAt = instant(rs.getTimestamp(8));
                    row.debt = rs.getLong(9);
                    row.tariffId = rs.getString(10);
                    return row;
                })
                .list()
                .forEach(row -> batch.rows.putIfAbsent(row.accountId, row));
        ids.stream().filter(id -> !batch.rows.containsKey(id)).forEach(batch.absent::add);
        return Optional.ofNullable(batch.rows.get(accountId));
    }

    /** Accounts the batch's events of this tenant concern: account events, and readings attributed to an account. */
    private static Set<String> accountsWithEventsInBatch(String tenant) {
        Set<String> ids = new HashSet<>();
        if (CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) {
            for (Message<?> message : batch.getMessages()) {
                if (!tenant.equals(message.getMetaData().get(TENANT))) {
                    continue;
                }
                if (message instanceof DomainEventMessage<?> event && ACCOUNT_AGGREGATE.equals(event.getType())) {
                    ids.add(event.getAggregateIdentifier());
                } else if (ReadingRecorded.class.equals(message.getPayloadType())
                        && message.getPayload() instanceof ReadingRecorded reading && reading.accountId() != null) {
                    ids.add(reading.accountId().value());
                }
            }
        }
        return ids;
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
