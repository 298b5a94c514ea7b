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
import com.meterledger.query.projection.ProjectionWriteBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Keeps the account read tables. Idempotent: a redelivered event finds its ledger line already there (keyed by the
 * account's event sequence) and the balance already at or past its sequence, so replays never double count.
 * <p>
 * Readings and their charges, nearly all of the events, collect their rows per batch of events and send them as JDBC
 * batches (see {@link ProjectionWriteBatch}); every other event writes at once, after what was collected before it.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {
    public static final String PROCESSING_GROUP = "account-projection";
    private static final String WRITES = AccountProjection.class.getName() + ".writes";
    /** Events whose rows are collected per batch. */
    private static final Set<Class<?>> COLLECTED = Set.of(ConsumptionCharged.class, ReadingRecorded.class);
    private static final String INSERT_CHARGE_LINE = """
            insert into account_ledger_line (account_id, sequence_number, tenant_id, occurred_at, read_at,
                kind, amount_minor, balance_after_minor, quantity, breakdown)
            values (?, ?, ?, ?, ?, 'CHARGE', ?, ?, ?, cast(? as jsonb))
            on conflict (account_id, sequence_number) do nothing""";
    /** A newer money event's balance; any earlier one finds last_sequence past it and changes nothing. */
    private static final String UPDATE_BALANCE = """
            update account_view set balance_minor = ?, last_sequence = ?,
                warning_level = case when ? > 0 then 0 else warning_level end
            where account_id = ? and last_sequence < ?""";
    /**
     * What readings and charges change on the account's row, one row per account and batch, all rows in one
     * execution: the balance after the newest charge (a charge never raises the balance, so never clears a warning)
     * and the newest reading, each only if newer than what the row has. Either may be absent (null) when the batch
     * had no charge or no reading of the account.
     */
    private static final ProjectionWriteBatch.Rows UPDATE_LATEST = new ProjectionWriteBatch.Rows("""
            update account_view a set
                balance_minor = case when v.sequence > a.last_sequence then v.balance else a.balance_minor end,
                last_sequence = greatest(a.last_sequence, v.sequence),
                last_read_at = case when v.read_at > coalesce(a.last_read_at, '-infinity')
                    then v.read_at else a.last_read_at end,
                last_register = case when v.read_at > coalesce(a.last_read_at, '-infinity')
                    then v.register else a.last_register end
            from unnest(?, ?, ?, ?, ?) as v(account_id, sequence, balance, read_at, register)
            where a.account_id = v.account_id
              and (v.sequence > a.last_sequence or v.read_at > coalesce(a.last_read_at, '-infinity'))""",
            "varchar", "bigint", "bigint", "timestamptz", "numeric");
    /** Two updates of one account's latest state: the newer charge and the newer reading of either. */
    private static final BinaryOperator<Object[]> NEWER = (kept, next) -> {
        Object[] merged = kept.clone();
        if (next[1] != null && (kept[1] == null || (Long) next[1] > (Long) kept[1])) {
            merged[1] = next[1];
            merged[2] = next[2];
        }
        if (next[3] != null && (kept[3] == null || ((Instant) next[3]).isAfter((Instant) kept[3]))) {
            merged[3] = next[3];
            merged[4] = next[4];
        }
        return merged;
    };
    private static final String INSERT_REGISTER_LINE = """
            insert into account_register_line (account_id, meter_id, read_at, tenant_id, register_value,
                consumption, opening)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (account_id, read_at, meter_id) do nothing""";

    private final JdbcClient jdbc;
    private final ProjectionWriteBatch.Writes writes;
    private final ObjectMapper json;

    public AccountProjection(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = new ProjectionWriteBatch.Writes(batches, WRITES);
        this.json = json;
    }

    /**
     * Any other event's writes must land after the rows collected before it. An event that writes at once does so in
     * its own savepoint, so that a failing one is dead-lettered alone (see {@link ProjectionWriteBatch}).
     */
    @MessageHandlerInterceptor
    Object inOrder(EventMessage<?> event, InterceptorChain chain) throws Exception {
        return writes.inOrder(event, chain, COLLECTED);
    }

    @EventHandler
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence) {
        jdbc.sql("""
                        insert into account_view (account_id, tenant_id, unit_id, meter_id, currency, balance_minor,
                            opened_at, last_read_at, last_register, last_sequence, tariff_id)
                        values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
                        on conflict (account_id) do nothing""")
                .params(event.accountId().value(), tenant, event.unitId().value(), event.meterId().value(),
                        event.currency().getCurrencyCode(), ts(event.openedAt()), ts(event.openingReadAt()),
                        event.openingRegister(), sequence, event.tariffId() == null ? null : event.tariffId().value())
                .update();
        addRegister(tenant, event.accountId().value(), event.meterId().value(), event.openingReadAt(),
                event.openingRegister(), BigDecimal.ZERO, true);
    }

    /** The account is supplied through another meter: its supply state is the new meter's (installed on). */
    @EventHandler
    void on(MeterReplaced event, @MetaDataValue(TENANT) String tenant) {
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
    void on(TariffAssigned event) {
        jdbc.sql("update account_view set tariff_id = ? where account_id = ?")
                .params(event.tariffId().value(), event.accountId().value()).update();
    }

    @EventHandler
    void on(AccountCredited event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence) {
        addLine(tenant, event, sequence, event.creditedAt(), "CREDIT", event.reference());
    }

    @EventHandler
    void on(ConsumptionCharged event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant chargedAt) {
        String account = event.accountId().value();
        long amount = event.signedMinorUnits();
        long balanceAfter = event.balanceAfter().minorUnits();
        writes.add(tenant, INSERT_CHARGE_LINE, account, sequence, tenant, ts(chargedAt),
                ts(event.readAt()), amount, balanceAfter, event.quantity(), breakdown(event));
        writes.addMerged(tenant, UPDATE_LATEST, account, NEWER, account, sequence, balanceAfter, null, null);
    }

    @EventHandler
    void on(EmergencyCreditGranted event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "EMERGENCY_CREDIT", null);
    }

    @EventHandler
    void on(EmergencyCreditRepaid event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "EMERGENCY_CREDIT_REPAID", null);
    }

    @EventHandler
    void on(DebtRecovered event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "DEBT_RECOVERED", null);
    }

    @EventHandler
    void on(BalanceRefunded event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "REFUND", event.reason());
    }

    @EventHandler
    void on(BalanceTransferredOut event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "TRANSFER_OUT", event.to().value());
    }

    @EventHandler
    void on(BalanceTransferredIn event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "TRANSFER_IN", event.from().value());
    }

    @EventHandler
    void on(BalanceAdjusted event, @MetaDataValue(TENANT) String tenant, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        addLine(tenant, event, sequence, at, "ADJUSTMENT", event.reason());
    }

    @EventHandler
    void on(AccountClosed event) {
        jdbc.sql("update account_view set closed_at = ?, arrears_minor = ? where account_id = ?")
                .params(ts(event.closedAt()), event.arrears().minorUnits(), event.accountId().value()).update();
    }

    @EventHandler
    void on(LowBalanceWarningReached event) {
        jdbc.sql("update account_view set warning_level = greatest(warning_level, ?) where account_id = ?")
                .params(event.level(), event.accountId().value()).update();
    }

    @EventHandler
    void on(BalanceDepleted event) {
        jdbc.sql("update account_view set depleted = true where account_id = ?")
                .param(event.accountId().value()).update();
    }

    @EventHandler
    void on(ReconnectLevelReached event) {
        jdbc.sql("update account_view set depleted = false where account_id = ?")
                .param(event.accountId().value()).update();
    }

    @EventHandler
    void on(SupplyCommandIssued event) {
        jdbc.sql("update account_view set pending_command = ? where meter_id = ?")
                .params(event.action().name(), event.meterId().value()).update();
    }

    @EventHandler
    void on(SupplyCommandConfirmed event) {
        jdbc.sql("update account_view set pending_command = null, supply_state = ? where meter_id = ?")
                .params(event.action() == SupplyAction.CUT ? "OFF" : "ON", event.meterId().value()).update();
    }

    @EventHandler
    void on(SupplyCommandFailed event) {
        clearPendingCommand(event.meterId().value());
    }

    @EventHandler
    void on(SupplyCommandTimedOut event) {
        if (!event.willRetry()) {
            clearPendingCommand(event.meterId().value());
        }
    }

    @EventHandler
    void on(MeterProtectionChanged event) {
        jdbc.sql("update account_view set protected = ? where meter_id = ?")
                .params(event.protectedSupply(), event.meterId().value()).update();
    }

    private void clearPendingCommand(String meterId) {
        jdbc.sql("update account_view set pending_command = null where meter_id = ?").param(meterId).update();
    }

    @EventHandler
    void on(ReadingRecorded event, @MetaDataValue(TENANT) String tenant) {
        if (event.accountId() == null) {
            return;
        }
        String account = event.accountId().value();
        writes.add(tenant, INSERT_REGISTER_LINE, account, event.meterId().value(),
                ts(event.readAt()), tenant, event.registerValue(),
                event.consumption() == null ? BigDecimal.ZERO : event.consumption(), false);
        writes.addMerged(tenant, UPDATE_LATEST, account, NEWER, account, null, null, event.readAt(),
                event.registerValue());
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
            throw new IllegalStateException("cannot write the breakdown of a charge", e);
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
        jdbc.sql(INSERT_REGISTER_LINE)
                .params(accountId, meterId, ts(readAt), tenant, register, consumption, opening)
                .update();
    }

    /** A line per money movement other than a charge: {@code at} is when it was booked. */
    private void addLine(String tenant, MoneyMovement event, long sequence, Instant at, String kind,
                         String reference) {
        String accountId = event.accountId().value();
        long amount = event.signedMinorUnits();
        long balanceAfter = event.balanceAfter().minorUnits();
        int inserted = jdbc.sql("""
                        insert into account_ledger_line (account_id, sequence_number, tenant_id, occurred_at, kind,
                            amount_minor, balance_after_minor, reference)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (account_id, sequence_number) do nothing""")
                .params(accountId, sequence, tenant, ts(at), kind, amount, balanceAfter, reference)
                .update();
        if (inserted == 1) {
            jdbc.sql(UPDATE_BALANCE).params(balanceAfter, sequence, amount, accountId, sequence).update();
        }
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
