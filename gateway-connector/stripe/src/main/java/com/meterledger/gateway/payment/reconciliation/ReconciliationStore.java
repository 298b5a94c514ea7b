package com.meterledger.gateway.payment.reconciliation;

import com.meterledger.api.shared.TenantId;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Kind;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Line;
import com.meterledger.gateway.payment.reconciliation.ReconciliationReport.Outcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Our side of the reconciliation (payment_checkout, V60/V100) and its results (reconciliation_run and _line, V100).
 * Every method takes the tenant: row-level security holds even if a query forgot its filter.
 */
public class ReconciliationStore {
    private final JdbcClient jdbc;

    public ReconciliationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's checkouts on the account that have one of these payment intents or were credited in [from, to). */
    @Transactional(readOnly = true)
    public List<LedgerPayment> ledger(TenantId tenant, String connectedAccount, Collection<String> paymentIntents,
                                      Instant from, Instant to) {
        return jdbc.sql("""
                        select payment_id, account_id, payment_intent_id, amount_minor, currency,
                               coalesce(application_fee_minor, 0) as fee, succeeded_at
                        from payment_checkout
                        where tenant_id = ? and (payment_intent_id = any(?)
                            or (connected_account_id = ? and succeeded_at >= ? and succeeded_at < ?))""")
                .params(tenant.value(), paymentIntents.toArray(String[]::new), connectedAccount,
                        Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new LedgerPayment(rs.getString("payment_id"), rs.getString("account_id"),
                        rs.getString("payment_intent_id"), rs.getLong("amount_minor"), rs.getString("currency"),
                        rs.getLong("fee"), instant(rs, "succeeded_at")))
                .list();
    }

    @Transactional
    public String save(TenantId tenant, LocalDate date, ZoneId zone, String actor, List<Line> lines) {
        String runId = "rec-" + UUID.randomUUID();
        jdbc.sql("insert into reconciliation_run (tenant_id, run_id, run_date, time_zone, started_by) "
                        + "values (?, ?, ?, ?, ?)")
                .params(tenant.value(), runId, date, zone.getId(), actor).update();
        int number = 0;
        for (Line line : lines) {
            jdbc.sql("""
                            insert into reconciliation_line (tenant_id, run_id, line_no, connected_account_id, kind,
                                outcome, stripe_id, payment_id, account_id, expected_minor, actual_minor,
                                expected_fee_minor, actual_fee_minor, expected_currency, actual_currency, reason)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenant.value(), runId, ++number, line.connectedAccountId(), line.kind().name(),
                            line.outcome().name(), line.stripeId(), line.paymentId(), line.accountId(),
                            line.expectedMinor(), line.actualMinor(), line.expectedFeeMinor(), line.actualFeeMinor(),
                            line.expectedCurrency(), line.actualCurrency(), abbreviate(line.reason()))
                    .update();
        }
        return runId;
    }

    /** The newest run of the tenant for the day, with its lines in order. */
    @Transactional(readOnly = true)
    public Optional<ReconciliationReport> latest(TenantId tenant, LocalDate date) {
        return jdbc.sql("""
                        select run_id, started_at, started_by, coalesce(time_zone, 'UTC') from reconciliation_run
                        where tenant_id = ? and run_date = ? order by started_at desc, run_id limit 1""")
                .params(tenant.value(), date)
                .query((rs, row) -> new Run(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4)))
                .optional()
                .map(run -> {
                    List<Line> lines = jdbc.sql("""
                                    select l.*, case when c.succeeded_at is not null
                                               then coalesce(c.payment_method, 'CARD') end as paid_with
                                    from reconciliation_line l
                                    left join payment_checkout c
                                        on c.tenant_id = l.tenant_id and c.payment_id = l.payment_id
                                    where l.tenant_id = ? and l.run_id = ?
                                    order by l.line_no""")
                            .params(tenant.value(), run.id())
                            .query((rs, row) -> new Line(rs.getString("connected_account_id"),
                                    Kind.valueOf(rs.getString("kind")), Outcome.valueOf(rs.getString("outcome")),
                                    rs.getString("stripe_id"), rs.getString("payment_id"), rs.getString("account_id"),
                                    number(rs, "expected_minor"), number(rs, "actual_minor"),
                                    number(rs, "expected_fee_minor"), number(rs, "actual_fee_minor"),
                                    rs.getString("expected_currency"), rs.getString("actual_currency"),
                                    rs.getString("reason"), rs.getString("paid_with")))
                            .list();
                    Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
                    lines.forEach(line -> totals.merge(line.outcome(), 1L, Long::sum));
                    return new ReconciliationReport(date, run.zone(), run.id(), run.startedAt(), run.startedBy(),
                            totals, lines);
                });
    }

    private record Run(String id, Instant startedAt, String startedBy, String zone) {
    }

    private static Long number(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String abbreviate(String reason) {
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
}
