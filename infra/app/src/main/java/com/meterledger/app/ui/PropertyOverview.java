package com.meterledger.app.ui;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the UI shows of one property: its accounts from the account projection with today's credits and charges, and
 * totals per currency. Row-level security and the explicit tenant filter both keep it to the caller's tenant.
 */
@Repository
public class PropertyOverview {
    private final JdbcClient jdbc;

    public PropertyOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record AccountRow(String accountId, String unitId, String unitName, String meterId, String currency,
                             long balanceMinor, long arrearsMinor, Instant lastReadAt, BigDecimal lastRegister,
                             String state, String supplyState, String pendingCommand, long creditedTodayMinor,
                             long chargedTodayMinor, BigDecimal consumedToday) {
    }

    public record Totals(String currency, int accounts, long balanceMinor, long arrearsMinor, long creditedTodayMinor,
                         long chargedTodayMinor) {
    }

    public record Overview(String propertyId, String propertyName, List<AccountRow> accounts, List<Totals> totals,
                           Map<String, Integer> accountsByState) {
    }

    @Transactional(readOnly = true)
    public String propertyName(TenantId tenant, String propertyId) {
        return jdbc.sql("select name from property where tenant_id = ? and property_id = ?")
                .params(tenant.value(), propertyId).query(String.class).optional()
                .orElseThrow(() -> new NotFound("property", propertyId));
    }

    @Transactional(readOnly = true)
    public Overview of(TenantId tenant, String propertyId) {
        String name = propertyName(tenant, propertyId);
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<AccountRow> accounts = jdbc.sql("""
                        select a.account_id, a.unit_id, u.name, a.meter_id, a.currency, a.balance_minor,
                            a.arrears_minor, a.last_read_at, a.last_register,
                            case when a.closed_at is not null then 'CLOSED' when a.depleted then 'DEPLETED'
                                 when a.warning_level > 0 then 'WARNING' else 'OK' end,
                            a.supply_state, a.pending_command,
                            coalesce(sum(l.amount_minor) filter (where l.amount_minor > 0), 0),
                            coalesce(-sum(l.amount_minor) filter (where l.kind = 'CHARGE'), 0),
                            coalesce(sum(l.quantity) filter (where l.kind = 'CHARGE'), 0)
                        from account_view a
                        join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                        left join account_ledger_line l on l.tenant_id = a.tenant_id and l.account_id = a.account_id
                            and l.occurred_at >= ?
                        where a.tenant_id = ? and u.property_id = ?
                        group by a.account_id, u.name
                        order by a.unit_id, a.account_id""")
                .params(Timestamp.from(today), tenant.value(), propertyId)
                .query((rs, row) -> new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), instant(rs.getTimestamp(8)),
                        rs.getBigDecimal(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getLong(13),
                        rs.getLong(14), rs.getBigDecimal(15)))
                .list();
        Map<String, Totals> totals = new LinkedHashMap<>();
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (String state : List.of("OK", "WARNING", "DEPLETED", "CLOSED")) {
            byState.put(state, 0);
        }
        for (AccountRow account : accounts) {
            byState.merge(account.state(), 1, Integer::sum);
            totals.merge(account.currency(), new Totals(account.currency(), 1, account.balanceMinor(),
                    account.arrearsMinor(), account.creditedTodayMinor(), account.chargedTodayMinor()),
                    (a, b) -> new Totals(a.currency(), a.accounts() + b.accounts(), a.balanceMinor() + b.balanceMinor(),
                            a.arrearsMinor() + b.arrearsMinor(), a.creditedTodayMinor() + b.creditedTodayMinor(),
                            a.chargedTodayMinor() + b.chargedTodayMinor()));
        }
        return new Overview(propertyId, name, accounts, List.copyOf(totals.values()), byState);
    }

    /** The property an account belongs to, in the caller's tenant. */
    @Transactional(readOnly = true)
    public String propertyOfAccount(TenantId tenant, String accountId) {
        return jdbc.sql("""
                        select u.property_id from account_view a
                        join unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                        where a.tenant_id = ? and a.account_id = ?""")
                .params(tenant.value(), accountId).query(String.class).optional()
                .orElseThrow(() -> new NotFound("account", accountId));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
