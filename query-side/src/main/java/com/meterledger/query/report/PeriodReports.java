package com.meterledger.query.report;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Period reports from the PostgreSQL read models, for a half-open period [from, to).
 * <p>
 * Money is on the booking axis: a ledger line belongs to the period in which it was booked ({@code occurred_at}),
 * the opening balance is the balance after the last line booked before {@code from}, the closing balance the one
 * after the last line booked before {@code to}. Register values are on the reading axis: the opening register is the
 * last register value read before {@code from} (or the account's opening register when it opened later), the closing
 * register the last one read before {@code to}. Every row satisfies
 * {@code closing = opening + credits − charges + adjustments}; {@code balanced} says it does.
 * <p>
 * Charges by kind: consumption (CHARGE) and debt recovered from top-ups (DEBT_RECOVERED). Adjustments: emergency credit
 * granted (+) and repaid (−), transfers in (+) and out (−), refunds (−), and any kind added later ({@code other}).
 */
@Repository
public class PeriodReports {
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private static final String ROWS = """
            select a.account_id, a.unit_id, u.name, a.meter_id, a.currency, a.opened_at, a.closed_at,
                coalesce((select l.balance_after_minor from account_ledger_line l
                          where l.tenant_id = a.tenant_id and l.account_id = a.account_id and l.occurred_at < :from
                          order by l.occurred_at desc, l.sequence_number desc limit 1), 0) as opening,
                coalesce((select l.balance_after_minor from account_ledger_line l
                          where l.tenant_id = a.tenant_id and l.account_id = a.account_id and l.occurred_at < :to
                          order by l.occurred_at desc, l.sequence_number desc limit 1), 0) as closing,
                m.lines, m.credits, m.consumption, m.debt_recovered, m.emergency_credit, m.emergency_repaid,
                m.transfers_in, m.transfers_out, m.refunds, m.other, m.charged_quantity,
                coalesce((select r.register_value from account_register_line r
                          where r.tenant_id = a.tenant_id and r.account_id = a.account_id and r.read_at < :from
                          order by r.read_at desc limit 1),
                         (select r.register_value from account_register_line r
                          where r.tenant_id = a.tenant_id and r.account_id = a.account_id and r.opening
                          order by r.read_at limit 1)) as opening_register,
                (select r.register_value from account_register_line r
                 where r.tenant_id = a.tenant_id and r.account_id = a.account_id and r.read_at < :to
                 order by r.read_at desc limit 1) as closing_register
            from account_view a
            left join registry_unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
            cross join lateral (
                select count(*) as lines,
                    coalesce(sum(l.amount_minor) filter (where l.kind = 'CREDIT'), 0) as credits,
                    coalesce(-sum(l.amount_minor) filter (where l.kind = 'CHARGE'), 0) as consumption,
                    coalesce(-sum(l.amount_minor) filter (where l.kind = 'DEBT_RECOVERED'), 0) as debt_recovered,
                    coalesce(sum(l.amount_minor) filter (where l.kind = 'EMERGENCY_CREDIT'), 0) as emergency_credit,
                    coalesce(-sum(l.amount_minor) filter (where l.kind = 'EMERGENCY_CREDIT_REPAID'), 0) as emergency_repaid,
                    coalesce(sum(l.amount_minor) filter (where l.kind = 'TRANSFER_IN'), 0) as transfers_in,
                    coalesce(-sum(l.amount_minor) filter (where l.kind = 'TRANSFER_OUT'), 0) as transfers_out,
                    coalesce(-sum(l.amount_minor) filter (where l.kind = 'REFUND'), 0) as refunds,
                    coalesce(sum(l.amount_minor) filter (where l.kind not in ('CREDIT', 'CHARGE', 'DEBT_RECOVERED',
                        'EMERGENCY_CREDIT', 'EMERGENCY_CREDIT_REPAID', 'TRANSFER_IN', 'TRANSFER_OUT', 'REFUND')), 0)
                        as other,
                    coalesce(sum(l.quantity) filter (where l.kind = 'CHARGE'), 0) as charged_quantity
                from account_ledger_line l
                where l.tenant_id = a.tenant_id and l.account_id = a.account_id
                  and l.occurred_at >= :from and l.occurred_at < :to) m
            where a.tenant_id = :tenant
            """;

    private final JdbcClient jdbc;

    public PeriodReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Charges by kind and adjustments by kind, all as positive amounts except {@code otherMinor} (signed). */
    public record Breakdown(long consumptionMinor, long debtRecoveredMinor, long emergencyCreditMinor,
                           long emergencyCreditRepaidMinor, long transfersInMinor, long transfersOutMinor,
                           long refundsMinor, long otherMinor) {
    }

    public record AccountPeriod(String accountId, String unitId, String unitName, String meterId, String currency,
                                Instant from, Instant to, Instant openedAt, Instant closedAt, long openingBalanceMinor,
                                long creditsMinor, long chargesMinor, long adjustmentsMinor, long closingBalanceMinor,
                                long ledgerLines, Breakdown breakdown, BigDecimal chargedQuantity,
                                BigDecimal openingRegister, BigDecimal closingRegister, BigDecimal registerAdvance,
                                boolean balanced) {
    }

    public record CurrencyTotals(String currency, int accounts, long openingBalanceMinor, long creditsMinor,
                                 long chargesMinor, long adjustmentsMinor, long closingBalanceMinor) {
    }

    public record PropertyPeriod(String propertyId, String propertyName, Instant from, Instant to,
                                 List<AccountPeriod> accounts, List<CurrencyTotals> totals) {
    }

    public record StatementLine(long sequence, Instant occurredAt, String kind, long amountMinor,
                                long balanceAfterMinor, BigDecimal quantity, Instant readAt, String reference) {
    }

    /** 4xx for a period that ends before it starts or spans more than {@link #MAX_PERIOD}. */
    public static void validate(Instant from, Instant to) {
        if (from == null || to == null) {
            throw new RuleViolation("period-required", "a report needs both from and to");
        }
        if (!to.isAfter(from)) {
            throw new RuleViolation("period-ends-before-it-starts", Reason.of("report-period-ends-before-start",
                    "the period must end after it starts: " + from + " .. " + to, from, to));
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new RuleViolation("period-too-long", "a report period may span at most "
                    + MAX_PERIOD.toDays() + " days", MAX_PERIOD.toDays());
        }
    }

    @Transactional(readOnly = true)
    public AccountPeriod account(TenantId tenant, String accountId, Instant from, Instant to) {
        validate(from, to);
        return jdbc.sql(ROWS + " and a.account_id = :account")
                .param("tenant", tenant.value()).param("account", accountId)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> row(rs, from, to))
                .optional()
                .orElseThrow(() -> new NotFound("account", accountId));
    }

    /** Throws {@link NotFound} unless the account is the tenant's; call before streaming anything. */
    @Transactional(readOnly = true)
    public void requireAccount(TenantId tenant, String accountId) {
        if (jdbc.sql("select count(*) from account_view where tenant_id = ? and account_id = ?")
                .params(tenant.value(), accountId).query(Long.class).single() == 0) {
            throw new NotFound("account", accountId);
        }
    }

    /** Throws {@link NotFound} unless the property is the tenant's; returns its name. */
    @Transactional(readOnly = true)
    public String requireProperty(TenantId tenant, String propertyId) {
        return jdbc.sql("select name from registry_property where tenant_id = ? and property_id = ?")
                .params(tenant.value(), propertyId).query(String.class).optional()
                .orElseThrow(() -> new NotFound("property", propertyId));
    }

    /** Every account of the property's units that was open at some moment of the period, in account id order. */
    @Transactional(readOnly = true)
    public void streamProperty(TenantId tenant, String propertyId, Instant from, Instant to,
                               Consumer<AccountPeriod> sink) {
        validate(from, to);
        jdbc.sql(ROWS + """
                         and u.property_id = :property and a.opened_at < :to
                          and (a.closed_at is null or a.closed_at >= :from)
                        order by a.account_id""")
                .param("tenant", tenant.value()).param("property", propertyId)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((RowCallbackHandler) rs -> sink.accept(row(rs, from, to)));
    }

    /** How many rows {@link #streamProperty} gives for the same arguments (for export progress). */
    @Transactional(readOnly = true)
    public long countProperty(TenantId tenant, String propertyId, Instant from, Instant to) {
        validate(from, to);
        return jdbc.sql("""
                        select count(*) from account_view a
                        join registry_unit u on u.tenant_id = a.tenant_id and u.unit_id = a.unit_id
                        where a.tenant_id = :tenant and u.property_id = :property and a.opened_at < :to
                          and (a.closed_at is null or a.closed_at >= :from)""")
                .param("tenant", tenant.value()).param("property", propertyId)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public PropertyPeriod property(TenantId tenant, String propertyId, Instant from, Instant to) {
        validate(from, to);
        String name = requireProperty(tenant, propertyId);
        List<AccountPeriod> accounts = new ArrayList<>();
        streamProperty(tenant, propertyId, from, to, accounts::add);
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (AccountPeriod a : accounts) {
            long[] s = sums.computeIfAbsent(a.currency(), c -> new long[6]);
            s[0]++;
            s[1] += a.openingBalanceMinor();
            s[2] += a.creditsMinor();
            s[3] += a.chargesMinor();
            s[4] += a.adjustmentsMinor();
            s[5] += a.closingBalanceMinor();
        }
        List<CurrencyTotals> totals = sums.entrySet().stream().map(e -> new CurrencyTotals(e.getKey(),
                (int) e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3], e.getValue()[4],
                e.getValue()[5])).toList();
        return new PropertyPeriod(propertyId, name, from, to, accounts, totals);
    }

    /** The account's ledger lines booked in [from, to), in sequence order, one at a time (for streamed exports). */
    @Transactional(readOnly = true)
    public void streamLines(TenantId tenant, String accountId, Instant from, Instant to,
                            Consumer<StatementLine> sink) {
        validate(from, to);
        jdbc.sql("""
                        select sequence_number, occurred_at, kind, amount_minor, balance_after_minor, quantity, read_at,
                            reference
                        from account_ledger_line
                        where tenant_id = ? and account_id = ? and occurred_at >= ? and occurred_at < ?
                        order by sequence_number""")
                .params(tenant.value(), accountId, Timestamp.from(from), Timestamp.from(to))
                .query((RowCallbackHandler) rs -> sink.accept(new StatementLine(rs.getLong(1),
                        instant(rs.getTimestamp(2)), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6), instant(rs.getTimestamp(7)), rs.getString(8))));
    }

    private static AccountPeriod row(ResultSet rs, Instant from, Instant to) throws SQLException {
        long opening = rs.getLong("opening");
        long closing = rs.getLong("closing");
        Breakdown b = new Breakdown(rs.getLong("consumption"), rs.getLong("debt_recovered"),
                rs.getLong("emergency_credit"), rs.getLong("emergency_repaid"), rs.getLong("transfers_in"),
                rs.getLong("transfers_out"), rs.getLong("refunds"), rs.getLong("other"));
        long credits = rs.getLong("credits");
        long charges = b.consumptionMinor() + b.debtRecoveredMinor();
        long adjustments = b.emergencyCreditMinor() - b.emergencyCreditRepaidMinor() + b.transfersInMinor()
                - b.transfersOutMinor() - b.refundsMinor() + b.otherMinor();
        BigDecimal openingRegister = rs.getBigDecimal("opening_register");
        BigDecimal closingRegister = rs.getBigDecimal("closing_register");
        BigDecimal advance = openingRegister == null || closingRegister == null ? null
                : closingRegister.subtract(openingRegister);
        return new AccountPeriod(rs.getString("account_id"), rs.getString("unit_id"), rs.getString("name"),
                rs.getString("meter_id"), rs.getString("currency"), from, to, instant(rs.getTimestamp("opened_at")),
                instant(rs.getTimestamp("closed_at")), opening, credits, charges, adjustments, closing,
                rs.getLong("lines"), b, rs.getBigDecimal("charged_quantity"), openingRegister, closingRegister,
                advance, opening + credits - charges + adjustments == closing);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
