package com.meterledger.query.account;

import com.meterledger.api.account.AccountState;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.query.account.AccountQueries;
import com.meterledger.query.dashboard.TenantZones;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The accounts and meters of one property as the UI lists them: the account projection's rows with today's credits,
 * charges and consumption. Row-level security and the explicit tenant filter both keep it to the caller's tenant.
 */
@Repository
public class PropertyOverview {
    private final JdbcClient jdbc;
    private final TenantZones zones;

    /** @param zones whose clock "today" is: the tenant's own zone setting, else the configured one */
    public PropertyOverview(JdbcClient jdbc, TenantZones zones) {
        this.zones = zones;
        this.jdbc = jdbc;
    }

    /**
     * {@code state}: the account's {@link AccountState}, worked out as on its page and the dashboard;
     * {@code cutHeldSince}: since when the tenant's friendly window holds its cut (null: none held).
     */
    public record AccountRow(String accountId, String unitId, String unitName, String meterId, String currency,
                             long balanceMinor, Instant lastReadAt, BigDecimal lastRegister, AccountState state,
                             long creditedTodayMinor, long chargedTodayMinor, BigDecimal consumedToday,
                             Instant cutHeldSince) {
    }

    public record Overview(String propertyId, String propertyName, List<AccountRow> accounts) {
    }

    @Transactional(readOnly = true)
    public Overview of(TenantId tenant, String propertyId) {
        String name = jdbc.sql("select name from registry_property where tenant_id = ? and property_id = ?")
                .params(tenant.value(), propertyId).query(String.class).optional()
                .orElseThrow(() -> new NotFound("property", propertyId));
        ZoneId zone = zones.of(tenant.value());
        Instant today = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        List<AccountRow> accounts = jdbc.sql("""
                        select a.account_id, a.unit_id, u.name, a.meter_id, a.currency, a.last_read_at,
                            a.last_register, %s,
                            coalesce(sum(l.amount_minor) filter (where l.amount_minor > 0), 0),
                            coalesce(-sum(l.amount_minor) filter (where l.kind = 'CHARGE'), 0),
                            coalesce(sum(l.quantity) filter (where l.kind = 'CHARGE'), 0),
                            min(m.cut_held_since)
                        from account_view a
                        join registry_unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                        left join meter_view m on m.tenant_id = a.tenant_id and m.meter_id = a.meter_id
                            and m.account_id = a.account_id
                        left join account_ledger_line l on l.tenant_id = a.tenant_id and l.account_id = a.account_id
                            and l.occurred_at >= ?
                        where a.tenant_id = ? and u.property_id = ?
                        group by a.account_id, u.name
                        order by a.unit_id, a.account_id""".formatted(AccountQueries.factColumns("a")))
                .params(Timestamp.from(today), tenant.value(), propertyId)
                .query((rs, row) -> {
                    AccountState.Facts facts = AccountQueries.facts(rs, 8);
                    return new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), facts.balanceMinor(), instant(rs.getTimestamp(6)), rs.getBigDecimal(7),
                            AccountState.of(facts), rs.getLong(15), rs.getLong(16), rs.getBigDecimal(17),
                            instant(rs.getTimestamp(18)));
                })
                .list();
        return new Overview(propertyId, name, accounts);
    }

    /** The property an account belongs to, in the caller's tenant. */
    @Transactional(readOnly = true)
    public String propertyOfAccount(TenantId tenant, String accountId) {
        return jdbc.sql("""
                        select u.property_id from account_view a
                        join registry_unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                        where a.tenant_id = ? and a.account_id = ?""")
                .params(tenant.value(), accountId).query(String.class).optional()
                .orElseThrow(() -> new NotFound("account", accountId));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
