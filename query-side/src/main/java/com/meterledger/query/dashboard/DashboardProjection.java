package com.meterledger.query.dashboard;

import com.meterledger.api.account.AccountClosed;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.AccountState;
import com.meterledger.api.account.BalanceAdjusted;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.BalanceRefunded;
import com.meterledger.api.account.BalanceTransferredIn;
import com.meterledger.api.account.BalanceTransferredOut;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.DebtRecovered;
import com.meterledger.api.account.DebtRegistered;
import com.meterledger.api.account.EmergencyCreditGranted;
import com.meterledger.api.account.EmergencyCreditRepaid;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.account.MeterReplaced;
import com.meterledger.api.account.ReconnectLevelReached;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterDetachedFromAccount;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyBackOffEnded;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.supply.SupplyRetryDeferred;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.query.projection.CollectedWrites;
import com.meterledger.query.projection.ProjectionWriteBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Keeps the meter view and the per-property dashboard figures, event by event: a change of an account moves it
 * between state counts and adds the difference of its arrears, a reading adds its consumption to the property's day,
 * month and meter-month sums, a charge or credit to the day's and month's money. Then it tells live subscribers of
 * that tenant's property that the dashboard changed (after the transaction commits).
 * <p>
 * The figures are sums, so this processing group runs in one segment (see {@link DashboardConfiguration}): every
 * event is handled once, in store order, in the same transaction as the token, and a replay starts from empty tables
 * ({@link #reset()}).
 * <p>
 * Readings and money events, nearly all of the events, write nothing as they come: per batch of events (one
 * transaction) the figures' additions are summed per row, each account's and meter's newest state is kept, and all
 * of it is sent once when the batch commits ({@link ProjectionWriteBatch}). A property's day figures then take one
 * upsert per batch instead of one per event, which matters because every reading of a property adds to the same few
 * rows. Accounts read during a batch come from the batch's own copy once loaded; facts of a meter that never change
 * (property, utility, unit) are kept across batches. Every other event first sends what was collected, then writes as
 * before.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
public class DashboardProjection {
    public static final String PROCESSING_GROUP = "dashboard-projection";
    private static final String WRITES = DashboardProjection.class.getName() + ".writes";
    /** The aggregate type of account events (the account's id is the aggregate's). */
    private static final String ACCOUNT_AGGREGATE = "Account";
    private static final String ACCOUNTS = DashboardProjection.class.getName() + ".accounts";
    private static final String CHANGED = DashboardProjection.class.getName() + ".changed";
    /** The rule of a decision that defers a cut to the end of the tenant's friendly window. */
    private static final String FRIENDLY_WINDOW = "friendly-window";
    /** Bound to keep memory flat with very many meters; a miss costs one query. */
    private static final int MAX_KEPT_METERS = 100_000;
    /** A property's figure of a period: amounts added up, one upsert per figure and batch. */
    private static final ProjectionWriteBatch.Statement<FigureAddition> ADD_FIGURE =
            ProjectionWriteBatch.Statement.perRow(FigureAddition.class, """
                    insert into dashboard_figure (tenant_id, property_id, period, figure, amount)
                    values (:tenantId, :propertyId, :period, :figure, :amount)
                    on conflict (tenant_id, property_id, period, figure) do update
                    set amount = dashboard_figure.amount + excluded.amount""")
                    .merging(FigureAddition::key, FigureAddition::plus);
    /** A meter's month: quantities added up, the newest known account kept. */
    private static final ProjectionWriteBatch.Statement<MeterMonthAddition> ADD_METER_MONTH =
            ProjectionWriteBatch.Statement.perRow(MeterMonthAddition.class, """
                    insert into dashboard_meter_month (tenant_id, property_id, month, meter_id, utility, account_id,
                        unit_id, quantity)
                    values (:tenantId, :propertyId, :month, :meterId, :utility, :accountId, :unitId, :quantity)
                    on conflict (tenant_id, meter_id, month) do update
                    set quantity = dashboard_meter_month.quantity + excluded.quantity,
                        account_id = coalesce(excluded.account_id, dashboard_meter_month.account_id)""")
                    .merging(MeterMonthAddition::key, MeterMonthAddition::plus);
    /**
     * Meters' newest readings of a batch, in one execution; the accounts on those meters keep the same moment on their
     * own rows, which the list of supply-off accounts sorts by from its own index (V262). A reading shows that the
     * meter can be reached, so it ends the meter's back-off, as on the Meter.
     */
    private static final ProjectionWriteBatch.Statement<LastReading> UPDATE_LAST_READING =
            ProjectionWriteBatch.Statement.allRowsAtOnce(LastReading.class, """
                    with read as (
                        update meter_view m set last_read_at = v.read_at, last_register = v.register,
                            last_registers = cast(v.registers as jsonb), retry_action = null, retry_not_before = null
                        from unnest(:tenantId, :meterId, :readAt, :register, :registers)
                            as v(tenant_id, meter_id, read_at, register, registers)
                        where m.tenant_id = v.tenant_id and m.meter_id = v.meter_id
                          and (m.last_read_at is null or m.last_read_at < v.read_at)
                        returning m.tenant_id, m.meter_id, m.last_read_at)
                    update dashboard_account d set last_read_at = read.last_read_at
                    from read where d.tenant_id = read.tenant_id and d.meter_id = read.meter_id""")
                    .merging(LastReading::meterId, LastReading::newer);
    /** Accounts' newest states of a batch, in one execution. */
    private static final ProjectionWriteBatch.Statement<AccountColumns> UPDATE_ACCOUNT =
            ProjectionWriteBatch.Statement.allRowsAtOnce(AccountColumns.class, """
                    update dashboard_account d set meter_id = v.meter_id, balance_minor = v.balance,
                        debt_minor = v.debt, warning_level = v.warning_level, depleted = v.depleted,
                        supply_off = v.supply_off, supply_pending = v.supply_pending, closed = v.closed,
                        state = v.state, arrears_minor = v.arrears,
                        last_read_at = (select m.last_read_at from meter_view m
                                        where m.tenant_id = v.tenant_id and m.meter_id = v.meter_id)
                    from unnest(:tenantId, :accountId, :meterId, :balance, :debt, :warningLevel, :depleted,
                        :supplyOff, :supplyPending, :closed, :state, :arrears) as v(tenant_id, account_id, meter_id,
                        balance, debt, warning_level, depleted, supply_off, supply_pending, closed, state, arrears)
                    where d.tenant_id = v.tenant_id and d.account_id = v.account_id""")
                    .merging(AccountColumns::accountId, (kept, next) -> next);

    /**
     * Meters' cuts held by the friendly window as a batch leaves them, in one execution: a hold keeps the moment it
     * began unless the batch ended an earlier one first ({@code restart}); no moment clears it.
     */
    private static final ProjectionWriteBatch.Statement<CutHold> HOLD_CUT =
            ProjectionWriteBatch.Statement.allRowsAtOnce(CutHold.class, """
                    update meter_view m set cut_held_since = case when v.held_since is null then null
                        when v.restart then v.held_since else coalesce(m.cut_held_since, v.held_since) end
                    from unnest(:tenantId, :meterId, :heldSince, :restart)
                        as v(tenant_id, meter_id, held_since, restart)
                    where m.tenant_id = v.tenant_id and m.meter_id = v.meter_id""")
                    .merging(CutHold::meterId, CutHold::then);

    /** An amount added to a property's figure of a period. */
    private record FigureAddition(String tenantId, String propertyId, String period, String figure,
                                  BigDecimal amount) {
        List<String> key() {
            return List.of(propertyId, period, figure);
        }

        FigureAddition plus(FigureAddition next) {
            return new FigureAddition(tenantId, propertyId, period, figure, amount.add(next.amount));
        }
    }

    /** A quantity a meter used in a month, and the account it was attributed to (null: none). */
    private record MeterMonthAddition(String tenantId, String propertyId, String month, String meterId,
                                      String utility, String accountId, String unitId, BigDecimal quantity) {
        List<String> key() {
            return List.of(meterId, month);
        }

        MeterMonthAddition plus(MeterMonthAddition next) {
            return new MeterMonthAddition(tenantId, propertyId, month, meterId, utility,
                    next.accountId != null ? next.accountId : accountId, unitId, quantity.add(next.quantity));
        }
    }

    /** A meter's reading; of two, the newer is the meter's last. */
    private record LastReading(String tenantId, String meterId, Instant readAt, BigDecimal register,
                               String registers) {
        LastReading newer(LastReading next) {
            return next.readAt.isAfter(readAt) ? next : this;
        }
    }

    /**
     * Whether a meter's cut is held by the friendly window: {@code heldSince} null means a later decision superseded
     * the hold; {@code restart} that the batch superseded one before this hold began, so an older moment kept in the
     * row no longer counts.
     */
    private record CutHold(String tenantId, String meterId, Instant heldSince, boolean restart) {
        CutHold then(CutHold next) {
            if (next.heldSince == null) {
                return next;
            }
            return heldSince != null ? this : new CutHold(tenantId, meterId, next.heldSince, true);
        }
    }

    /** An account's row of {@code dashboard_account} as a batch leaves it. */
    private record AccountColumns(String tenantId, String accountId, String meterId, long balance, long debt,
                                  int warningLevel, boolean depleted, boolean supplyOff, String supplyPending,
                                  boolean closed, String state, long arrears) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final QueryUpdateEmitter emitter;
    private final DashboardSettings settings;
    private final TenantZones zones;
    private final ProjectionWriteBatch.Writes writes;
    /** tenant:meter → property, utility, unit: fixed when the meter is registered. */
    private final Map<String, MeterFacts> meters = new ConcurrentHashMap<>();

    /** Every tenant counted in the configured zone (tests of the projection alone). */
    public DashboardProjection(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json, QueryUpdateEmitter emitter,
                               DashboardSettings settings) {
        this(jdbc, batches, json, emitter, settings, TenantZones.fixed(settings.zone()));
    }

    /** Each tenant's days and months counted on its own clock. */
    @Autowired
    public DashboardProjection(JdbcClient jdbc, JdbcTemplate batches, ObjectMapper json, QueryUpdateEmitter emitter,
                               DashboardSettings settings, TenantZones zones) {
        this.jdbc = jdbc;
        this.json = json;
        this.emitter = emitter;
        this.settings = settings;
        this.zones = zones;
        this.writes = new ProjectionWriteBatch.Writes(batches, WRITES, DashboardProjection.class);
    }

    private record MeterFacts(String propertyId, String utility, String unitId) {
    }

    @MessageHandlerInterceptor
    Object inOrder(EventMessage<?> event, InterceptorChain chain) throws Exception {
        return writes.inOrder(event, chain);
    }

    // --- meters ---

    @EventHandler
    void on(MeterRegistered event, @MetaDataValue(TENANT) String tenant) {
        int inserted = jdbc.sql("""
                        insert into meter_view (tenant_id, meter_id, unit_id, property_id, utility)
                        values (?, ?, ?, (select property_id from registry_unit where tenant_id = ? and unit_id = ?), ?)
                        on conflict (tenant_id, meter_id) do nothing""")
                .params(tenant, event.meterId().value(), event.unitId().value(), tenant, event.unitId().value(),
                        event.utility().name())
                .update();
        if (inserted == 1) {
            propertyOfMeter(tenant, event.meterId().value()).ifPresent(property -> {
                add(tenant, property, Figures.CURRENT, Figures.METERS, BigDecimal.ONE);
                changed(tenant, property);
            });
        }
    }

    @EventHandler
    void on(MeterAttachedToAccount event, @MetaDataValue(TENANT) String tenant) {
        jdbc.sql("update meter_view set account_id = ? where tenant_id = ? and meter_id = ?")
                .params(event.accountId().value(), tenant, event.meterId().value()).update();
    }

    @EventHandler
    void on(MeterDetachedFromAccount event, @MetaDataValue(TENANT) String tenant) {
        jdbc.sql("""
                        update meter_view set account_id = null, cut_held_since = null
                        where tenant_id = ? and meter_id = ? and account_id = ?""")
                .params(tenant, event.meterId().value(), event.accountId().value()).update();
    }

    @EventHandler
    @CollectedWrites
    void on(ReadingRecorded event, @MetaDataValue(TENANT) String tenant) {
        String meter = event.meterId().value();
        writes.add(tenant, UPDATE_LAST_READING, new LastReading(tenant, meter, event.readAt(),
                event.registerValue(), registers(event)));
        BigDecimal consumption = event.consumption();
        if (consumption == null || consumption.signum() == 0) {
            return;
        }
        meterFacts(tenant, meter).filter(m -> m.propertyId() != null).ifPresent(m -> {
            String property = m.propertyId();
            String figure = Figures.consumption(Utility.valueOf(m.utility()));
            ZoneId zone = zones.of(tenant);
            String month = Figures.period(DashboardSettings.month(event.readAt(), zone));
            add(tenant, property, Figures.period(DashboardSettings.day(event.readAt(), zone)), figure, consumption);
            add(tenant, property, month, figure, consumption);
            writes.add(tenant, ADD_METER_MONTH, new MeterMonthAddition(tenant, property, month, meter, m.utility(),
                    event.accountId() == null ? null : event.accountId().value(), m.unitId(), consumption));
            changed(tenant, property);
        });
    }

    // --- supply ---

    /**
     * A depleted account's cut deferred to the end of the tenant's friendly window is held from the first such
     * decision on; any other decision (a cut, a restore, keep-on) ends the hold, as does a command sent to the meter.
     */
    @EventHandler
    @CollectedWrites
    void on(SupplyDecisionRecorded event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        String meter = event.meterId().value();
        boolean held = event.decision() == SupplyDecision.DEFER && FRIENDLY_WINDOW.equals(event.rule());
        writes.add(tenant, HOLD_CUT, new CutHold(tenant, meter, held ? at : null, false));
        meterChanged(tenant, meter);
    }

    /**
     * A command replacing another one still pending puts the relay in doubt, as on the Meter: the replaced one may
     * have been carried out, and its answer no longer counts.
     */
    @EventHandler
    void on(SupplyCommandIssued event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        jdbc.sql("""
                        update meter_view set supply_commanded = ?, pending_action = ?, pending_attempt = ?,
                            cut_held_since = null,
                            pending_since = case when pending_command_id = ? then pending_since else ? end,
                            supply_in_doubt = supply_in_doubt
                                or coalesce(pending_command_id <> ?, false),
                            pending_command_id = ?
                        where tenant_id = ? and meter_id = ?""")
                .params(supplyState(event.action()), event.action().name(), event.attempt(),
                        event.commandId().value(), ts(at), event.commandId().value(), event.commandId().value(),
                        tenant, event.meterId().value())
                .update();
        accountsOfMeter(tenant, event.meterId().value(), a -> a.supply = new AccountState.Supply(
                a.supply.confirmed(), event.action()));
        meterChanged(tenant, event.meterId().value());
    }

    @EventHandler
    void on(SupplyCommandConfirmed event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        String meter = event.meterId().value();
        commandEnded(tenant, meter, at, null, null, null);
        jdbc.sql("""
                        update meter_view set supply_confirmed = ?, pending_command_id = null, pending_action = null,
                            pending_attempt = null, pending_since = null, supply_in_doubt = false,
                            retry_action = null, retry_not_before = null
                        where tenant_id = ? and meter_id = ?""")
                .params(supplyState(event.action()), tenant, meter).update();
        accountsOfMeter(tenant, meter,
                a -> a.supply = new AccountState.Supply(AccountState.Position.after(event.action()), null));
        meterChanged(tenant, meter);
    }

    /** The meter answered that it did not move: the relay is where it was confirmed, not in doubt. */
    @EventHandler
    void on(SupplyCommandFailed event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        if (!event.willRetry()) {
            commandEnded(tenant, event.meterId().value(), at, event.commandId().value(), event.action().name(),
                    "failed");
            clearPending(tenant, event.meterId().value(), event.commandId().value(), false);
        }
    }

    /** Abandoned unanswered: the meter may have carried it out, so the relay is in doubt until the next confirmation. */
    @EventHandler
    void on(SupplyCommandTimedOut event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        if (!event.willRetry()) {
            commandEnded(tenant, event.meterId().value(), at, event.commandId().value(), event.action().name(),
                    "timed-out");
            clearPending(tenant, event.meterId().value(), event.commandId().value(), true);
        }
    }

    /**
     * The meter's command was abandoned: the supply reconciler leaves the meter alone until {@code notBefore} while its
     * account intends that same action (V278). The latest deferral replaces any earlier one.
     */
    @EventHandler
    void on(SupplyRetryDeferred event, @MetaDataValue(TENANT) String tenant) {
        jdbc.sql("update meter_view set retry_action = ?, retry_not_before = ? where tenant_id = ? and meter_id = ?")
                .params(event.action().name(), ts(event.notBefore()), tenant, event.meterId().value()).update();
    }

    /** The meter can be reached again: the reconciler may ask it at once. */
    @EventHandler
    void on(SupplyBackOffEnded event, @MetaDataValue(TENANT) String tenant) {
        jdbc.sql("update meter_view set retry_action = null, retry_not_before = null "
                        + "where tenant_id = ? and meter_id = ?")
                .params(tenant, event.meterId().value()).update();
    }

    /** The accounts a meter supplies or supplied: a supply event changes each one's supply as this projection has it. */
    private void accountsOfMeter(String tenant, String meter, Consumer<AccountRow> change) {
        jdbc.sql("select account_id from dashboard_account where tenant_id = ? and meter_id = ?")
                .params(tenant, meter).query(String.class).list()
                .forEach(account -> account(tenant, account, change));
    }

    // --- accounts ---

    @EventHandler
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant) {
        String meter = event.meterId().value();
        int inserted = jdbc.sql("""
                        insert into dashboard_account (tenant_id, account_id, property_id, meter_id, currency,
                            supply_off, supply_pending, state, last_read_at)
                        select ?, ?, (select property_id from registry_unit where tenant_id = ? and unit_id = ?), ?, ?,
                            coalesce(m.supply_confirmed = 'OFF', false), m.pending_action, 'NEW', m.last_read_at
                        from (values (1)) as one left join meter_view m on m.tenant_id = ? and m.meter_id = ?
                        on conflict (tenant_id, account_id) do nothing""")
                .params(tenant, event.accountId().value(), tenant, event.unitId().value(), meter,
                        event.currency().getCurrencyCode(), tenant, meter)
                .update();
        jdbc.sql("update meter_view set account_id = ? where tenant_id = ? and meter_id = ?")
                .params(event.accountId().value(), tenant, meter).update();
        if (inserted == 1) {
            account(tenant, event.accountId().value(), a -> {
            });
        }
    }

    @EventHandler
    void on(MeterReplaced event, @MetaDataValue(TENANT) String tenant) {
        String meter = event.newMeterId().value();
        account(tenant, event.accountId().value(), a -> {
            a.meterId = meter;
            a.supply = AccountState.Supply.ON;
        });
        jdbc.sql("update meter_view set account_id = ? where tenant_id = ? and meter_id = ?")
                .params(event.accountId().value(), tenant, meter).update();
    }

    @EventHandler
    @CollectedWrites
    void on(AccountCredited event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
        book(tenant, event.accountId().value(), event.creditedAt(), Figures.credits(currency(event.amount())),
                event.amount().minorUnits());
    }

    @EventHandler
    @CollectedWrites
    void on(ConsumptionCharged event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
        book(tenant, event.accountId().value(), at, Figures.charges(currency(event.amount())),
                event.amount().minorUnits());
    }

    @EventHandler
    @CollectedWrites
    void on(EmergencyCreditGranted event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    @CollectedWrites
    void on(EmergencyCreditRepaid event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceRefunded event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceTransferredIn event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceTransferredOut event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceAdjusted event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    @CollectedWrites
    void on(DebtRegistered event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.debt = event.debtAfter().minorUnits());
    }

    @EventHandler
    @CollectedWrites
    void on(DebtRecovered event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> {
            a.debt = event.debtAfter().minorUnits();
            a.balance = event.balanceAfter().minorUnits();
        });
    }

    @EventHandler
    @CollectedWrites
    void on(LowBalanceWarningReached event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.warningLevel = Math.max(a.warningLevel, event.level()));
    }

    @EventHandler
    @CollectedWrites
    void on(BalanceDepleted event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.depleted = true);
    }

    @EventHandler
    @CollectedWrites
    void on(ReconnectLevelReached event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.depleted = false);
    }

    /** What a closed account still owes follows from its balance and debt, which stay as they were at closing. */
    @EventHandler
    @CollectedWrites
    void on(AccountClosed event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.closed = true);
    }

    /** See meterledger_reset_dashboard_projection in V80: a replay starts from empty tables. */
    @ResetHandler
    void reset() {
        meters.clear();
        jdbc.sql("select meterledger_reset_dashboard_projection()").query().listOfRows();
    }

    // --- the account's state and arrears, and the property's figures they count in ---

    /** The facts of an account's {@link AccountState}, and what of it the property's figures count so far. */
    static final class AccountRow {
        String accountId;
        String propertyId;
        String meterId;
        String currency;
        long balance;
        long debt;
        int warningLevel;
        boolean depleted;
        AccountState.Supply supply;
        boolean closed;
        /** as counted in the figures so far ('NEW': not yet counted) */
        String countedState;
        long countedArrears;

        AccountState state() {
            return AccountState.of(new AccountState.Facts(balance, debt, warningLevel, depleted, closed, supply));
        }
    }

    /** A money movement: the new balance, and a top-up (or any credit) clears the warning level as in the ledger. */
    private void moneyMoved(String tenant, String accountId, long amount, Money balanceAfter) {
        account(tenant, accountId, a -> {
            a.balance = balanceAfter.minorUnits();
            if (amount > 0) {
                a.warningLevel = 0;
            }
        });
    }

    /**
     * Changes an account's row and moves it between the figures it counts in. Within a batch the row is read once;
     * later changes see the batch's copy, and its newest state is written when the batch's rows are sent. One segment
     * means one writer, so the row needs no lock.
     */
    private void account(String tenant, String accountId, Consumer<AccountRow> change) {
        Optional<AccountRow> found = accountRow(tenant, accountId);
        if (found.isEmpty()) {
            return;
        }
        AccountRow a = found.get();
        String stateBefore = a.countedState;
        long arrearsBefore = a.countedArrears;
        change.accept(a);
        AccountState now = a.state();
        String state = now.standing().name();
        long arrears = now.arrearsMinor();
        a.countedState = state;
        a.countedArrears = arrears;
        AccountState.Supply supply = now.supply();
        writes.add(tenant, UPDATE_ACCOUNT, new AccountColumns(tenant, accountId, a.meterId, a.balance, a.debt,
                a.warningLevel, a.depleted, supply.confirmed() == AccountState.Position.OFF,
                supply.awaitsConfirmation() ? supply.pending().name() : null, a.closed, state, arrears));
        if (a.propertyId == null || (state.equals(stateBefore) && arrears == arrearsBefore)) {
            return;
        }
        if (!state.equals(stateBefore)) {
            if (!"NEW".equals(stateBefore)) {
                AccountState.Standing before = AccountState.Standing.valueOf(stateBefore);
                add(tenant, a.propertyId, Figures.CURRENT, Figures.accounts(before), BigDecimal.ONE.negate());
            }
            add(tenant, a.propertyId, Figures.CURRENT, Figures.accounts(now.standing()), BigDecimal.ONE);
        }
        if (arrears != arrearsBefore) {
            add(tenant, a.propertyId, Figures.CURRENT, Figures.arrears(a.currency),
                    BigDecimal.valueOf(arrears - arrearsBefore));
        }
        changed(tenant, a.propertyId);
    }

    /** The accounts a batch has read, as it has changed them so far. */
    private static final class BatchAccounts {
        final Map<String, AccountRow> rows = new HashMap<>();
        /** tenants whose accounts of the batch were read in one query */
        final Set<String> prefetched = new HashSet<>();
    }

    /**
     * The account's row as the batch has it so far. The first time the batch needs an account of a tenant, the rows
     * of all that tenant's accounts with events in the batch are read in one query; an account not found then (opened
     * later in the batch) is read on its own.
     */
    private Optional<AccountRow> accountRow(String tenant, String accountId) {
        BatchAccounts batch = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(ACCOUNTS, key -> new BatchAccounts())
                : new BatchAccounts();
        String key = tenant + ":" + accountId;
        AccountRow kept = batch.rows.get(key);
        if (kept == null && batch.prefetched.add(tenant)) {
            Set<String> ids = accountsWithEventsInBatch(tenant);
            ids.add(accountId);
            loadAccounts(tenant, ids).forEach(row -> batch.rows.put(tenant + ":" + row.accountId, row));
            kept = batch.rows.get(key);
        } else if (kept == null) {
            loadAccounts(tenant, Set.of(accountId)).forEach(row -> batch.rows.put(key, row));
            kept = batch.rows.get(key);
        }
        return Optional.ofNullable(kept);
    }

    private static Set<String> accountsWithEventsInBatch(String tenant) {
        Set<String> ids = new HashSet<>();
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) {
            for (Message<?> message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event && ACCOUNT_AGGREGATE.equals(event.getType())
                        && tenant.equals(event.getMetaData().get(TENANT))) {
                    ids.add(event.getAggregateIdentifier());
                }
            }
        }
        return ids;
    }

    private List<AccountRow> loadAccounts(String tenant, Set<String> accountIds) {
        return jdbc.sql("""
                        select account_id, property_id, meter_id, currency, balance_minor, debt_minor, warning_level,
                            depleted, supply_off, supply_pending, closed, state, arrears_minor
                        from dashboard_account where tenant_id = ? and account_id = any(?)""")
                .params(tenant, accountIds.toArray(String[]::new))
                .query((rs, row) -> {
                    AccountRow a = new AccountRow();
                    a.accountId = rs.getString(1);
                    a.propertyId = rs.getString(2);
                    a.meterId = rs.getString(3);
                    a.currency = rs.getString(4);
                    a.balance = rs.getLong(5);
                    a.debt = rs.getLong(6);
                    a.warningLevel = rs.getInt(7);
                    a.depleted = rs.getBoolean(8);
                    String pending = rs.getString(10);
                    a.supply = new AccountState.Supply(rs.getBoolean(9) ? AccountState.Position.OFF
                            : AccountState.Position.ON, pending == null ? null : SupplyAction.valueOf(pending));
                    a.closed = rs.getBoolean(11);
                    a.countedState = rs.getString(12);
                    a.countedArrears = rs.getLong(13);
                    return a;
                })
                .list();
    }

    /** Adds a charge or credit to the day and month it was booked in, in the account's property. */
    private void book(String tenant, String accountId, Instant at, String figure, long amount) {
        accountRow(tenant, accountId).map(a -> a.propertyId).ifPresent(property -> {
            ZoneId zone = zones.of(tenant);
            add(tenant, property, Figures.period(DashboardSettings.day(at, zone)), figure, BigDecimal.valueOf(amount));
            add(tenant, property, Figures.period(DashboardSettings.month(at, zone)), figure, BigDecimal.valueOf(amount));
            changed(tenant, property);
        });
    }

    private void add(String tenant, String property, String period, String figure, BigDecimal amount) {
        writes.add(tenant, ADD_FIGURE, new FigureAddition(tenant, property, period, figure, amount));
    }

    /**
     * The seed's control-command KPI (issue 18, item 6): per property and day of the command's end, how many commands
     * the meter carried out and how many ended without (abandoned after its last failure or time-out), and which
     * meters missed. A command that failed and was carried out on a later attempt counts once, as carried out.
     *
     * @param missedCommand null when the command was carried out
     */
    private void commandEnded(String tenant, String meter, Instant at, String missedCommand, String action,
                              String reason) {
        propertyOfMeter(tenant, meter).ifPresent(property -> {
            String day = Figures.period(DashboardSettings.day(at, zones.of(tenant)));
            add(tenant, property, day, missedCommand == null ? Figures.COMMANDS_CONFIRMED : Figures.COMMANDS_MISSED,
                    BigDecimal.ONE);
            if (missedCommand != null) {
                jdbc.sql("""
                                insert into dashboard_command_miss (tenant_id, property_id, day, meter_id, command_id,
                                    action, reason, ended_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?)
                                on conflict (tenant_id, command_id) do nothing""")
                        .params(tenant, property, day, meter, missedCommand, action, reason, ts(at)).update();
            }
        });
    }

    private void clearPending(String tenant, String meter, String commandId, boolean inDoubt) {
        int cleared = jdbc.sql("""
                        update meter_view set pending_command_id = null, pending_action = null, pending_attempt = null,
                            pending_since = null, supply_commanded = supply_confirmed,
                            supply_in_doubt = supply_in_doubt or ?
                        where tenant_id = ? and meter_id = ? and pending_command_id = ?""")
                .params(inDoubt, tenant, meter, commandId).update();
        if (cleared > 0) {
            accountsOfMeter(tenant, meter, a -> a.supply = new AccountState.Supply(a.supply.confirmed(), null));
        }
        meterChanged(tenant, meter);
    }

    private void meterChanged(String tenant, String meter) {
        propertyOfMeter(tenant, meter).ifPresent(property -> changed(tenant, property));
    }

    private Optional<String> propertyOfMeter(String tenant, String meter) {
        return meterFacts(tenant, meter).map(MeterFacts::propertyId);
    }

    private Optional<MeterFacts> meterFacts(String tenant, String meter) {
        String key = tenant + ":" + meter;
        MeterFacts known = meters.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<MeterFacts> found = jdbc.sql(
                        "select property_id, utility, unit_id from meter_view where tenant_id = ? and meter_id = ?")
                .params(tenant, meter)
                .query((rs, row) -> new MeterFacts(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
        found.ifPresent(facts -> {
            if (meters.size() >= MAX_KEPT_METERS) {
                meters.clear();
            }
            meters.put(key, facts);
        });
        return found;
    }

    /**
     * Live subscribers of exactly this tenant's property hear of it, once the transaction has committed: once per
     * batch, however many of its events concern the property.
     */
    private void changed(String tenant, String property) {
        if (CurrentUnitOfWork.isStarted() && !CurrentUnitOfWork.get().root()
                .<Set<String>>getOrComputeResource(CHANGED, key -> new HashSet<>()).add(tenant + ":" + property)) {
            return;
        }
        emitter.emit(PropertyDashboardQuery.class, query -> query.concerns(tenant, property),
                new DashboardChanged(tenant, property));
    }

    private String registers(ReadingRecorded event) {
        if (event.registers().isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(event.registers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reading's registers", e);
        }
    }

    private static String supplyState(SupplyAction action) {
        return AccountState.Position.after(action).name();
    }

    private static String currency(Money money) {
        return money.currency().getCurrencyCode();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
