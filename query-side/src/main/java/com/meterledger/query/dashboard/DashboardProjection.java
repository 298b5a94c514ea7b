package com.meterledger.query.dashboard;

import com.meterledger.api.account.AccountClosed;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountOpened;
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
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
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
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
public class DashboardProjection {
    public static final String PROCESSING_GROUP = "dashboard-projection";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final QueryUpdateEmitter emitter;
    private final DashboardSettings settings;

    public DashboardProjection(JdbcClient jdbc, ObjectMapper json, QueryUpdateEmitter emitter,
                               DashboardSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.emitter = emitter;
        this.settings = settings;
    }

    // --- meters ---

    @EventHandler
    void on(MeterRegistered event, @MetaDataValue(TENANT) String tenant) {
        int inserted = jdbc.sql("""
                        insert into meter_view (tenant_id, meter_id, unit_id, property_id, utility)
                        values (?, ?, ?, (select property_id from unit where tenant_id = ? and unit_id = ?), ?)
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
        jdbc.sql("update meter_view set account_id = null where tenant_id = ? and meter_id = ? and account_id = ?")
                .params(tenant, event.meterId().value(), event.accountId().value()).update();
    }

    @EventHandler
    void on(ReadingRecorded event, @MetaDataValue(TENANT) String tenant) {
        String meter = event.meterId().value();
        jdbc.sql("""
                        update meter_view set last_read_at = ?, last_register = ?, last_registers = cast(? as jsonb)
                        where tenant_id = ? and meter_id = ? and (last_read_at is null or last_read_at < ?)""")
                .params(ts(event.readAt()), event.registerValue(), registers(event), tenant, meter,
                        ts(event.readAt()))
                .update();
        BigDecimal consumption = event.consumption();
        if (consumption == null || consumption.signum() == 0) {
            return;
        }
        jdbc.sql("select property_id, utility, unit_id from meter_view where tenant_id = ? and meter_id = ?")
                .params(tenant, meter)
                .query((rs, row) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)})
                .optional().filter(m -> m[0] != null).ifPresent(m -> {
                    String property = m[0];
                    String figure = "consumption:" + m[1];
                    String month = Figures.period(settings.month(event.readAt()));
                    add(tenant, property, Figures.period(settings.day(event.readAt())), figure, consumption);
                    add(tenant, property, month, figure, consumption);
                    jdbc.sql("""
                                    insert into dashboard_meter_month (tenant_id, property_id, month, meter_id, utility,
                                        account_id, unit_id, quantity)
                                    values (?, ?, ?, ?, ?, ?, ?, ?)
                                    on conflict (tenant_id, meter_id, month) do update
                                    set quantity = dashboard_meter_month.quantity + excluded.quantity,
                                        account_id = coalesce(excluded.account_id, dashboard_meter_month.account_id)""")
                            .params(tenant, property, month, meter, m[1],
                                    event.accountId() == null ? null : event.accountId().value(), m[2], consumption)
                            .update();
                    changed(tenant, property);
                });
    }

    // --- supply ---

    @EventHandler
    void on(SupplyCommandIssued event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        jdbc.sql("""
                        update meter_view set supply_commanded = ?, pending_action = ?, pending_attempt = ?,
                            pending_since = case when pending_command_id = ? then pending_since else ? end,
                            pending_command_id = ?
                        where tenant_id = ? and meter_id = ?""")
                .params(supplyState(event.action()), event.action().name(), event.attempt(),
                        event.commandId().value(), ts(at), event.commandId().value(), tenant, event.meterId().value())
                .update();
        meterChanged(tenant, event.meterId().value());
    }

    @EventHandler
    void on(SupplyCommandConfirmed event, @MetaDataValue(TENANT) String tenant) {
        String meter = event.meterId().value();
        jdbc.sql("""
                        update meter_view set supply_confirmed = ?, pending_command_id = null, pending_action = null,
                            pending_attempt = null, pending_since = null
                        where tenant_id = ? and meter_id = ?""")
                .params(supplyState(event.action()), tenant, meter).update();
        jdbc.sql("select account_id from dashboard_account where tenant_id = ? and meter_id = ?")
                .params(tenant, meter).query(String.class).list()
                .forEach(account -> account(tenant, account, a -> a.supplyOff = event.action() == SupplyAction.CUT));
        meterChanged(tenant, meter);
    }

    @EventHandler
    void on(SupplyCommandFailed event, @MetaDataValue(TENANT) String tenant) {
        clearPending(tenant, event.meterId().value(), event.commandId().value());
    }

    @EventHandler
    void on(SupplyCommandTimedOut event, @MetaDataValue(TENANT) String tenant) {
        if (!event.willRetry()) {
            clearPending(tenant, event.meterId().value(), event.commandId().value());
        }
    }

    // --- accounts ---

    @EventHandler
    void on(AccountOpened event, @MetaDataValue(TENANT) String tenant) {
        String meter = event.meterId().value();
        int inserted = jdbc.sql("""
                        insert into dashboard_account (tenant_id, account_id, property_id, meter_id, currency,
                            supply_off, state)
                        values (?, ?, (select property_id from unit where tenant_id = ? and unit_id = ?), ?, ?,
                            coalesce((select supply_confirmed = 'OFF' from meter_view
                                      where tenant_id = ? and meter_id = ?), false), 'NEW')
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
            a.supplyOff = false;
        });
        jdbc.sql("update meter_view set account_id = ? where tenant_id = ? and meter_id = ?")
                .params(event.accountId().value(), tenant, meter).update();
    }

    @EventHandler
    void on(AccountCredited event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
        book(tenant, event.accountId().value(), event.creditedAt(), Figures.credits(currency(event.amount())),
                event.amount().minorUnits());
    }

    @EventHandler
    void on(ConsumptionCharged event, @MetaDataValue(TENANT) String tenant, @Timestamp Instant at) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
        book(tenant, event.accountId().value(), at, Figures.charges(currency(event.amount())),
                event.amount().minorUnits());
    }

    @EventHandler
    void on(EmergencyCreditGranted event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    void on(EmergencyCreditRepaid event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    void on(BalanceRefunded event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    void on(BalanceTransferredIn event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    void on(BalanceTransferredOut event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), -event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    void on(BalanceAdjusted event, @MetaDataValue(TENANT) String tenant) {
        moneyMoved(tenant, event.accountId().value(), event.amount().minorUnits(), event.balanceAfter());
    }

    @EventHandler
    void on(DebtRegistered event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.debt = event.debtAfter().minorUnits());
    }

    @EventHandler
    void on(DebtRecovered event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> {
            a.debt = event.debtAfter().minorUnits();
            a.balance = event.balanceAfter().minorUnits();
        });
    }

    @EventHandler
    void on(LowBalanceWarningReached event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.warningLevel = Math.max(a.warningLevel, event.level()));
    }

    @EventHandler
    void on(BalanceDepleted event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.depleted = true);
    }

    @EventHandler
    void on(ReconnectLevelReached event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> a.depleted = false);
    }

    @EventHandler
    void on(AccountClosed event, @MetaDataValue(TENANT) String tenant) {
        account(tenant, event.accountId().value(), a -> {
            a.closed = true;
            a.closedArrears = event.arrears().minorUnits();
        });
    }

    /** See meterledger_reset_dashboard_projection in V80: a replay starts from empty tables. */
    @ResetHandler
    void reset() {
        jdbc.sql("select meterledger_reset_dashboard_projection()").query().listOfRows();
    }

    // --- the account's state and arrears, and the property's figures they count in ---

    /** What decides an account's dashboard state and arrears. */
    static final class AccountRow {
        String propertyId;
        String meterId;
        String currency;
        long balance;
        long debt;
        int warningLevel;
        boolean depleted;
        boolean supplyOff;
        boolean closed;
        long closedArrears;
        /** as counted in the figures so far ('NEW': not yet counted) */
        String countedState;
        long countedArrears;

        PropertyDashboard.State state() {
            if (closed) {
                return PropertyDashboard.State.CLOSED;
            }
            if (supplyOff) {
                return PropertyDashboard.State.CUT;
            }
            if (depleted) {
                return PropertyDashboard.State.DEPLETED;
            }
            return warningLevel > 0 ? PropertyDashboard.State.LOW : PropertyDashboard.State.ACTIVE;
        }

        /** What the account owes, as a positive amount: its closing arrears once closed, else debt and overdraft. */
        long arrears() {
            return closed ? closedArrears : Math.max(0, -balance) + debt;
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

    private void account(String tenant, String accountId, Consumer<AccountRow> change) {
        Optional<AccountRow> found = jdbc.sql("""
                        select property_id, meter_id, currency, balance_minor, debt_minor, warning_level, depleted,
                            supply_off, closed, closed_arrears_minor, state, arrears_minor
                        from dashboard_account where tenant_id = ? and account_id = ? for update""")
                .params(tenant, accountId)
                .query((rs, row) -> {
                    AccountRow a = new AccountRow();
                    a.propertyId = rs.getString(1);
                    a.meterId = rs.getString(2);
                    a.currency = rs.getString(3);
                    a.balance = rs.getLong(4);
                    a.debt = rs.getLong(5);
                    a.warningLevel = rs.getInt(6);
                    a.depleted = rs.getBoolean(7);
                    a.supplyOff = rs.getBoolean(8);
                    a.closed = rs.getBoolean(9);
                    a.closedArrears = rs.getLong(10);
                    a.countedState = rs.getString(11);
                    a.countedArrears = rs.getLong(12);
                    return a;
                })
                .optional();
        if (found.isEmpty()) {
            return;
        }
        AccountRow a = found.get();
        String stateBefore = a.countedState;
        long arrearsBefore = a.countedArrears;
        change.accept(a);
        String state = a.state().name();
        long arrears = a.arrears();
        jdbc.sql("""
                        update dashboard_account set meter_id = ?, balance_minor = ?, debt_minor = ?, warning_level = ?,
                            depleted = ?, supply_off = ?, closed = ?, closed_arrears_minor = ?, state = ?,
                            arrears_minor = ?
                        where tenant_id = ? and account_id = ?""")
                .params(a.meterId, a.balance, a.debt, a.warningLevel, a.depleted, a.supplyOff, a.closed,
                        a.closedArrears, state, arrears, tenant, accountId)
                .update();
        if (a.propertyId == null || (state.equals(stateBefore) && arrears == arrearsBefore)) {
            return;
        }
        if (!state.equals(stateBefore)) {
            if (!"NEW".equals(stateBefore)) {
                add(tenant, a.propertyId, Figures.CURRENT, "accounts:" + stateBefore, BigDecimal.ONE.negate());
            }
            add(tenant, a.propertyId, Figures.CURRENT, "accounts:" + state, BigDecimal.ONE);
        }
        if (arrears != arrearsBefore) {
            add(tenant, a.propertyId, Figures.CURRENT, Figures.arrears(a.currency),
                    BigDecimal.valueOf(arrears - arrearsBefore));
        }
        changed(tenant, a.propertyId);
    }

    /** Adds a charge or credit to the day and month it was booked in, in the account's property. */
    private void book(String tenant, String accountId, Instant at, String figure, long amount) {
        jdbc.sql("select property_id from dashboard_account where tenant_id = ? and account_id = ?")
                .params(tenant, accountId).query(String.class).optional().ifPresent(property -> {
                    add(tenant, property, Figures.period(settings.day(at)), figure, BigDecimal.valueOf(amount));
                    add(tenant, property, Figures.period(settings.month(at)), figure, BigDecimal.valueOf(amount));
                    changed(tenant, property);
                });
    }

    private void add(String tenant, String property, String period, String figure, BigDecimal amount) {
        jdbc.sql("""
                        insert into dashboard_figure (tenant_id, property_id, period, figure, amount)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id, property_id, period, figure) do update
                        set amount = dashboard_figure.amount + excluded.amount""")
                .params(tenant, property, period, figure, amount).update();
    }

    private void clearPending(String tenant, String meter, String commandId) {
        jdbc.sql("""
                        update meter_view set pending_command_id = null, pending_action = null, pending_attempt = null,
                            pending_since = null, supply_commanded = supply_confirmed
                        where tenant_id = ? and meter_id = ? and pending_command_id = ?""")
                .params(tenant, meter, commandId).update();
        meterChanged(tenant, meter);
    }

    private void meterChanged(String tenant, String meter) {
        propertyOfMeter(tenant, meter).ifPresent(property -> changed(tenant, property));
    }

    private Optional<String> propertyOfMeter(String tenant, String meter) {
        return jdbc.sql("select property_id from meter_view where tenant_id = ? and meter_id = ?")
                .params(tenant, meter).query(String.class).optional();
    }

    /** Live subscribers of exactly this tenant's property hear of it, once the transaction has committed. */
    private void changed(String tenant, String property) {
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
        return action == SupplyAction.CUT ? "OFF" : "ON";
    }

    private static String currency(Money money) {
        return money.currency().getCurrencyCode();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
