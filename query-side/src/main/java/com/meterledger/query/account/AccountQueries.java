package com.meterledger.query.account;

import com.meterledger.api.account.AccountState;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.Reason;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.supply.SupplyAction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads of the account tables, always bound to the caller's tenant. */
@Repository
public class AccountQueries {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AccountQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The account as its page and the API show it. {@code state} is the one account state ({@link AccountState}) the
     * dashboard counts too; {@code supplyState} (as confirmed), {@code pendingCommand} and {@code arrearsMinor} are
     * its parts under their earlier names, for clients that read them.
     */
    public record AccountBalance(String accountId, String unitId, String meterId, String currency, long balanceMinor,
                                 Instant openedAt, Instant lastReadAt, BigDecimal lastRegister, int warningLevel,
                                 boolean depleted, String supplyState, String pendingCommand, boolean protectedSupply,
                                 Instant closedAt, long arrearsMinor, long debtMinor, AccountState state) {

        static AccountBalance of(String accountId, String unitId, String meterId, String currency, Instant openedAt,
                                 Instant lastReadAt, BigDecimal lastRegister, boolean protectedSupply,
                                 Instant closedAt, AccountState.Facts facts) {
            AccountState state = AccountState.of(facts);
            AccountState.Supply supply = state.supply();
            return new AccountBalance(accountId, unitId, meterId, currency, facts.balanceMinor(), openedAt,
                    lastReadAt, lastRegister, facts.warningLevel(), facts.depleted(), supply.confirmed().name(),
                    supply.awaitsConfirmation() ? supply.pending().name() : null, protectedSupply, closedAt,
                    state.arrearsMinor(), facts.debtMinor(), state);
        }
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
        return find(tenant, accountId).orElseThrow(() -> new NotFound("account", accountId));
    }

    /** The account, or empty when the tenant has none under this id. */
    @Transactional(readOnly = true)
    public Optional<AccountBalance> find(TenantId tenant, String accountId) {
        return jdbc.sql("""
                        select account_id, unit_id, meter_id, currency, opened_at, last_read_at, last_register,
                            protected, closed_at, %s
                        from account_view a where tenant_id = ? and account_id = ?""".formatted(factColumns("a")))
                .params(tenant.value(), accountId)
                .query((rs, row) -> AccountBalance.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                        rs.getBigDecimal(7), rs.getBoolean(8), instant(rs.getTimestamp(9)), facts(rs, 10)))
                .optional();
    }

    /**
     * The meter of each of these accounts the tenant has, in one query (the bulk import's dry run asked {@link #find}
     * once per row: a transaction and a round trip each, most of a 10,000-row dry run's 100 s).
     */
    @Transactional(readOnly = true)
    public java.util.Map<String, String> metersOf(TenantId tenant, java.util.Collection<String> accountIds) {
        java.util.Map<String, String> meters = new java.util.HashMap<>();
        if (accountIds.isEmpty()) {
            return meters;
        }
        jdbc.sql("select account_id, meter_id from account_view where tenant_id = ? and account_id = any(?)")
                .params(tenant.value(), accountIds.toArray(String[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    meters.put(rs.getString(1), rs.getString(2));
                });
        return meters;
    }

    /** Opening balance at {@code from}, every credit and charge in [from, to), closing balance at {@code to}. */
    @Transactional(readOnly = true)
    public Statement statement(TenantId tenant, String accountId, Instant from, Instant to) {
        AccountBalance account = balance(tenant, accountId);
        Instant start = from != null ? from : account.openedAt();
        Instant end = to != null ? to : Instant.now();
        if (!end.isAfter(start)) {
            throw new RuleViolation("period-ends-before-it-starts", Reason.of("statement-period-ends-before-start",
                    "the statement period must end after " + start, start, end));
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

    /**
     * The columns of {@code account_view} (named {@code alias} in the query) that hold an account's
     * {@link AccountState.Facts}, in the order {@link #facts} reads them: every reader of an account's state selects
     * these and lets {@link AccountState} work the state out, never SQL.
     */
    public static String factColumns(String alias) {
        return ("%1$s.balance_minor, %1$s.debt_minor, %1$s.warning_level, %1$s.depleted, %1$s.closed_at is not null, "
                + "%1$s.supply_state, %1$s.pending_command").formatted(alias);
    }

    /** The {@link #factColumns} of a row, starting at column {@code first}. */
    public static AccountState.Facts facts(ResultSet rs, int first) throws SQLException {
        String pending = rs.getString(first + 6);
        return new AccountState.Facts(rs.getLong(first), rs.getLong(first + 1), rs.getInt(first + 2),
                rs.getBoolean(first + 3), rs.getBoolean(first + 4), new AccountState.Supply(
                AccountState.Position.valueOf(rs.getString(first + 5)),
                pending == null ? null : SupplyAction.valueOf(pending)));
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
