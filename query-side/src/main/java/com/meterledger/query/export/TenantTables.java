package com.meterledger.query.export;

import com.meterledger.api.shared.TenantId;
import com.meterledger.query.report.TableSink;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The read models query-side owns, as tables for a tenant's export: accounts ({@code account_view}), ledger lines
 * ({@code account_ledger_line}), meters ({@code meter_view}), payments (the ledger's credits and refunds, and the cash
 * desk's receipts in {@code offline_receipt}) and readings (the charged readings of the ledger: when read, quantity,
 * charge). Each is one query under the tenant's transaction (row-level security) and its own {@code tenant_id}
 * filter; rows are streamed, {@value #FETCH} at a time.
 */
@Repository
public class TenantTables {
    static final int FETCH = 500;

    /** One table of the export: its file name, its header and its query (a {@code ?} for the tenant). */
    public record Table(String file, List<String> header, String sql) {
        String countSql() {
            return "select count(*) from (" + sql + ") t";
        }
    }

    static final List<Table> TABLES = List.of(
            new Table("accounts.csv", List.of("account_id", "unit_id", "meter_id", "currency", "balance_minor",
                    "opened_at", "last_read_at", "last_register", "last_sequence"), """
                    select account_id, unit_id, meter_id, currency, balance_minor, opened_at, last_read_at,
                        last_register, last_sequence
                    from account_view where tenant_id = ? order by account_id"""),
            new Table("ledger-lines.csv", List.of("account_id", "sequence_number", "occurred_at", "read_at", "kind",
                    "amount_minor", "balance_after_minor", "quantity", "reference"), """
                    select account_id, sequence_number, occurred_at, read_at, kind, amount_minor, balance_after_minor,
                        quantity, reference
                    from account_ledger_line where tenant_id = ? order by account_id, sequence_number"""),
            new Table("meters.csv", List.of("meter_id", "unit_id", "property_id", "utility", "account_id",
                    "last_read_at", "last_register", "supply_commanded", "supply_confirmed"), """
                    select meter_id, unit_id, property_id, utility, account_id, last_read_at, last_register,
                        supply_commanded, supply_confirmed
                    from meter_view where tenant_id = ? order by meter_id"""),
            new Table("readings.csv", List.of("account_id", "sequence_number", "read_at", "quantity",
                    "charge_minor", "balance_after_minor"), """
                    select account_id, sequence_number, read_at, quantity, -amount_minor, balance_after_minor
                    from account_ledger_line where tenant_id = ? and quantity is not null
                    order by account_id, sequence_number"""),
            new Table("payments.csv", List.of("account_id", "sequence_number", "occurred_at", "kind",
                    "amount_minor", "balance_after_minor", "reference"), """
                    select account_id, sequence_number, occurred_at, kind, amount_minor, balance_after_minor, reference
                    from account_ledger_line where tenant_id = ? and kind in ('CREDIT', 'REFUND')
                    order by account_id, sequence_number"""),
            new Table("cash-desk-receipts.csv", List.of("receipt_number", "account_id", "unit_id", "method",
                    "amount_minor", "currency", "purchase_sequence", "recorded_at", "credited_at",
                    "balance_after_minor"), """
                    select receipt_number, account_id, unit_id, method, amount_minor, currency, purchase_sequence,
                        recorded_at, credited_at, balance_after_minor
                    from offline_receipt where tenant_id = ? order by receipt_number"""));

    private final JdbcClient jdbc;

    public TenantTables(JdbcTemplate shared) {
        JdbcTemplate streaming = new JdbcTemplate(shared.getDataSource());
        streaming.setFetchSize(FETCH);
        this.jdbc = JdbcClient.create(streaming);
    }

    @Transactional(readOnly = true)
    public long count(TenantId tenant, Table table) {
        return jdbc.sql(table.countSql()).param(tenant.value()).query(Long.class).single();
    }

    /** Writes the table's rows (not its header) to the sink. */
    @Transactional(readOnly = true)
    public void stream(TenantId tenant, Table table, TableSink sink) {
        jdbc.sql(table.sql()).param(tenant.value()).query((RowCallbackHandler) rs -> {
            int columns = rs.getMetaData().getColumnCount();
            List<Object> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                Object value = rs.getObject(i);
                row.add(value instanceof java.sql.Timestamp t ? t.toInstant() : value);
            }
            sink.row(row);
        });
    }
}
