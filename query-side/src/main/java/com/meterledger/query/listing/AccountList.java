package com.meterledger.query.listing;

import com.meterledger.api.listing.ListCursor;
import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.listing.SqlList;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account list, from dashboard-projection's rows (an account's standing, balance, arrears and supply) and its
 * meter view (utility, unit, last reading): two read models of this module, joined on the meter (every account's meter
 * has its view row: dashboard-projection writes it on MeterRegistered, before any account can open on it). An inner
 * join, so the planner may walk either side's index: sorted by a meter's column it walks the meter view's index and
 * looks accounts up, sorted by an account's it walks the account's. Every sort key has an index that starts with the
 * tenant and ends with the id, and supply off (a few percent of accounts) a partial one (V230), so a page is an index
 * walk that stops after size + 1 rows: measured with 100,000 accounts in one tenant by {@code infra/perf lists}.
 * Supply off and sorted by the last reading is the exception: neither side's index serves both, so the account's row
 * keeps its meter's last reading time (the same value, written by the same projection) and a partial index of supply-off
 * accounts in that order (V262) serves the page.
 */
@Service
public class AccountList {
    public static final List<String> STATES = List.of("NEW", "ACTIVE", "LOW", "DEPLETED", "CUT", "CLOSED");
    public static final Map<String, String> SORTS = Map.of("accountId", "d.account_id", "balance", "d.balance_minor",
            "state", "d.state", "propertyId", "d.property_id", "unitId", "m.unit_id", "lastReadAt", "m.last_read_at",
            "arrears", "d.arrears_minor");
    public static final String DEFAULT_SORT = "accountId";
    /** The list's name, which its cursors carry. */
    public static final String LIST = "accounts";
    /** The sort columns of supply-off accounts: the last reading time of the account's own row (V262). */
    private static final Map<String, String> SUPPLY_OFF_SORTS = supplyOffSorts();

    private final JdbcClient jdbc;

    public AccountList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The filters of the list, each null when not asked for.
     *
     * @param balanceBelow      accounts whose balance (minor units) is below this
     * @param supplyOff         true: supply confirmed off; false: on
     * @param lastReadingBefore accounts whose meter was last read before this moment, or never
     */
    public record Filters(String state, String utility, String property, Long balanceBelow, Boolean supplyOff,
                          Instant lastReadingBefore) {
        /** Judges the parameters as sent: unknown codes and control characters are a 400 naming the parameter. */
        public static Filters of(String state, String utility, String property, Long balanceBelow, Boolean supplyOff,
                                 Instant lastReadingBefore) {
            return new Filters(ListFilters.oneOf("state", state, STATES), ListFilters.utility(utility),
                    ListFilters.id("property", property), balanceBelow, supplyOff, lastReadingBefore);
        }

        /** The values a cursor of the list is bound to, in this order. */
        public List<Object> values() {
            return java.util.Arrays.asList(state, utility, property, balanceBelow, supplyOff, lastReadingBefore);
        }
    }

    public record Row(String accountId, String propertyId, String unitId, String meterId, String utility,
                      String currency, long balanceMinor, long arrearsMinor, String state, boolean supplyOff,
                      String supplyPending, Instant lastReadAt) {
    }

    /**
     * With the previous page's {@code nextCursor}: the page after its last row, however deep, when the cursor was made
     * by this list with the same sort and {@code filters} (the values a cursor is bound to: {@link Filters#values()}).
     */
    public static ListWindow window(Integer page, Integer size, String sort, String cursor, List<?> filters) {
        return ListWindow.of(page, size, sort, SORTS.keySet().stream().sorted().toList(), DEFAULT_SORT)
                .continuing(cursor, LIST, filters);
    }

    /** The cursor after {@code row} in the window's order. */
    static ListCursor cursor(Row row, ListWindow window) {
        String value = switch (window.sort()) {
            case "balance" -> Long.toString(row.balanceMinor());
            case "arrears" -> Long.toString(row.arrearsMinor());
            case "state" -> row.state();
            case "propertyId" -> row.propertyId();
            case "unitId" -> row.unitId();
            case "lastReadAt" -> row.lastReadAt() == null ? null : row.lastReadAt().toString();
            default -> row.accountId();
        };
        return window.cursorAfter(value, row.accountId());
    }

    @Transactional(readOnly = true)
    public ListPage<Row> list(TenantId tenant, PropertyScope scope, Filters filters, ListWindow window) {
        SqlList sql = new SqlList("d.tenant_id", tenant.value())
                .moments("m.last_read_at", "d.last_read_at").numbers("d.balance_minor", "d.arrears_minor")
                .scope("d.property_id", scope)
                .when(filters.state(), "d.state = ?")
                .when(filters.utility(), "m.utility = ?")
                .when(filters.property(), "d.property_id = ?")
                .when(filters.balanceBelow(), "d.balance_minor < ?")
                // written out, not a parameter: "supply_off = ?" in the driver's generic plan cannot use the partial
                // index of supply-off accounts (V230), and the list hashed every account of the tenant instead
                .when(Boolean.TRUE.equals(filters.supplyOff()), "d.supply_off")
                .when(Boolean.FALSE.equals(filters.supplyOff()), "not d.supply_off")
                .when(filters.lastReadingBefore() == null ? null : Timestamp.from(filters.lastReadingBefore()),
                        "(m.last_read_at is null or m.last_read_at < ?)");
        String where = sql.where();
        String page = sql.page(Boolean.TRUE.equals(filters.supplyOff()) ? SUPPLY_OFF_SORTS : SORTS, "d.account_id",
                window);
        return ListPage.of(jdbc.sql("""
                        select d.account_id, d.property_id, m.unit_id, d.meter_id, m.utility, d.currency,
                            d.balance_minor, d.arrears_minor, d.state, d.supply_off, d.supply_pending, m.last_read_at
                        from dashboard_account d
                        join meter_view m on m.tenant_id = d.tenant_id and m.meter_id = d.meter_id
                        where """ + " " + where + page)
                .params(sql.params())
                .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9),
                        rs.getBoolean(10), rs.getString(11), instant(rs.getTimestamp(12))))
                .list(), window, row -> cursor(row, window));
    }

    private static Map<String, String> supplyOffSorts() {
        Map<String, String> sorts = new HashMap<>(SORTS);
        sorts.put("lastReadAt", "d.last_read_at");
        return Map.copyOf(sorts);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
