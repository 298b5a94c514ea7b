package com.meterledger.query.account;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Reads of the account tables, always bound to the caller's tenant. */
@Repository
public class AccountQueries {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AccountQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record AccountBalance(String accountId, String unitId, String meterId, String currency, long balanceMinor,
                                 Instant openedAt, Instant lastReadAt, BigDecimal lastRegister, int warningLevel,
                                 boolean depleted, String supplyState, String pendingCommand, boolean protectedSupply,
                                 Instant closedAt, long arrearsMinor) {
    }

    /** {@code breakdown}: for a charge, the tariff's lines (version, tier/register/standing charge, quantity x price). */
    public record StatementLine(long sequence, Instant at, String kind, long amountMinor, long balanceAfterMinor,
                                BigDecimal quantity, Instant readAt, String reference, JsonNode breakdown) {
    }

    public record Statement(String accountId, String currency, Instant from, Instant to, long openingBalanceMinor,
                            List<StatementLine> lines, long totalCreditsMinor, long totalChargesMinor,
                            long closingBalanceMinor) {
    }

    @Transactional(readOnly = true)
    public AccountBalance balance(TenantId tenant, String accountId) {
        return jdbc.sql("""
                        select account_id, unit_id, meter_id, currency, balance_minor, opened_at, last_read_at,
                            last_register, warning_level, depleted, supply_state, pending_command, protected,
                            closed_at, arrears_minor
                        from account_view where tenant_id = ? and account_id = ?""")
                .params(tenant.value(), accountId)
                .query((rs, row) -> new AccountBalance(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                        rs.getBigDecimal(8), rs.getInt(9), rs.getBoolean(10), rs.getString(11), rs.getString(12),
                        rs.getBoolean(13), instant(rs.getTimestamp(14)), rs.getLong(15)))
                .optional()
                .orElseThrow(() -> new NotFound("account", accountId));
    }

    /** Opening balance at {@code from}, every credit and charge in [from, to), closing balance at {@code to}. */
    @Transactional(readOnly = true)
    public Statement statement(TenantId tenant, String accountId, Instant from, Instant to) {
        AccountBalance account = balance(tenant, accountId);
        Instant start = from != null ? from : account.openedAt();
        Instant end = to != null ? to : Instant.now();
        if (!end.isAfter(start)) {
            throw new RuleViolation("period-ends-before-it-starts", "the statement period must end after " + start);
        }
        long opening = jdbc.sql("""
                        select balance_after_minor from account_ledger_line
                        where tenant_id = ? and account_id = ? and occurred_at < ?
                        order by sequence_number desc limit 1""")
                .params(tenant.value(), accountId, Timestamp.from(start))
                .query(Long.class).optional().orElse(0L);
        List<StatementLine> lines = jdbc.sql("""
                        select sequence_number, occurred_at, kind, amount_minor, balance_after_minor, quantity, read_at,
                            reference, breakdown::text
                        from account_ledger_line
                        where tenant_id = ? and account_id = ? and occurred_at >= ? and occurred_at < ?
                        order by sequence_number""")
                .params(tenant.value(), accountId, Timestamp.from(start), Timestamp.from(end))
                .query((rs, row) -> new StatementLine(rs.getLong(1), instant(rs.getTimestamp(2)), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6), instant(rs.getTimestamp(7)), rs.getString(8),
                        tree(rs.getString(9))))
                .list();
        long credits = lines.stream().filter(l -> l.amountMinor() > 0).mapToLong(StatementLine::amountMinor).sum();
        long charges = -lines.stream().filter(l -> l.amountMinor() < 0).mapToLong(StatementLine::amountMinor).sum();
        return new Statement(accountId, account.currency(), start, end, opening, lines, credits, charges,
                opening + credits - charges);
    }

    private JsonNode tree(String breakdown) {
        if (breakdown == null) {
            return null;
        }
        try {
            return json.readTree(breakdown);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable breakdown in the ledger", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
