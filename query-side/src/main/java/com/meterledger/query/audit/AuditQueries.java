package com.meterledger.query.audit;

import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What account-projection shows for the tenant's accounts: the side of the comparison that is not the event store. */
@Repository
public class AuditQueries {
    private static final String PROJECTED = """
            select v.account_id, v.balance_minor, v.last_sequence, count(l.sequence_number),
                coalesce(sum(l.amount_minor), 0)
            from account_view v
            left join account_ledger_line l on l.account_id = v.account_id and l.tenant_id = v.tenant_id
            """;
    private final JdbcClient jdbc;

    public AuditQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One account as projected: its balance and last applied sequence ({@code account_view}), the number of its
     * ledger lines and their sum ({@code account_ledger_line}).
     */
    public record Projected(String accountId, long balanceMinor, long lastSequence, long ledgerLines,
                            long ledgerSumMinor) {
    }

    /** The projection's own answer for an instant: the balance after its last ledger line booked at or before it. */
    public record ProjectedAt(Long balanceMinor, long ledgerLines) {
    }

    @Transactional(readOnly = true)
    public Optional<Projected> account(TenantId tenant, String accountId) {
        return jdbc.sql(PROJECTED + " where v.tenant_id = ? and v.account_id = ? group by v.account_id")
                .params(tenant.value(), accountId)
                .query((rs, row) -> new Projected(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .optional();
    }

    @Transactional(readOnly = true)
    public ProjectedAt at(TenantId tenant, String accountId, Instant at) {
        return jdbc.sql("""
                        select (select l.balance_after_minor from account_ledger_line l
                                where l.tenant_id = ? and l.account_id = ? and l.occurred_at <= ?
                                order by l.sequence_number desc limit 1),
                               (select count(*) from account_ledger_line l
                                where l.tenant_id = ? and l.account_id = ? and l.occurred_at <= ?)""")
                .params(tenant.value(), accountId, Timestamp.from(at), tenant.value(), accountId, Timestamp.from(at))
                .query((rs, row) -> new ProjectedAt((Long) rs.getObject(1), rs.getLong(2)))
                .single();
    }

    /** A page of the tenant's projected accounts in account id order, after {@code after} (exclusive). */
    @Transactional(readOnly = true)
    public List<Projected> accounts(TenantId tenant, String after, int limit) {
        return jdbc.sql(PROJECTED + """
                         where v.tenant_id = ? and v.account_id > ?
                        group by v.account_id order by v.account_id limit ?""")
                .params(tenant.value(), after == null ? "" : after, limit)
                .query((rs, row) -> new Projected(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    /**
     * Accounts this tenant opened (tenant from each AccountOpened event's metadata: Axon's event table has no tenant
     * column, so this scans those events) that have no row in account_view. At most 1,000.
     */
    @Transactional(readOnly = true)
    public List<String> missingFromProjection(TenantId tenant) {
        return jdbc.sql("""
                        select e.aggregate_identifier from domain_event_entry e
                        where e.payload_type = ? and e.sequence_number = 0
                          and convert_from(e.meta_data, 'UTF8')::jsonb ->> 'tenantId' = ?
                          and not exists (select 1 from account_view v
                                          where v.tenant_id = ? and v.account_id = e.aggregate_identifier)
                        order by e.aggregate_identifier limit 1000""")
                .params(AccountOpened.class.getName(), tenant.value(), tenant.value())
                .query(String.class)
                .list();
    }
}
