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

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The meter list, from the meter view dashboard-projection keeps (one row per meter); indexes in V230. */
@Service
public class MeterList {
    public static final Map<String, String> SORTS = Map.of("meterId", "m.meter_id", "unitId", "m.unit_id",
            "propertyId", "m.property_id", "utility", "m.utility", "lastReadAt", "m.last_read_at");
    public static final String DEFAULT_SORT = "meterId";
    /** The list's name, which its cursors carry. */
    public static final String LIST = "meters";

    private final JdbcClient jdbc;

    public MeterList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param supplyOff         true: relay or valve confirmed off; false: confirmed on
     * @param lastReadingBefore meters last read before this moment, or never
     */
    public record Filters(String utility, String property, Boolean supplyOff, Instant lastReadingBefore) {
        public static Filters of(String utility, String property, Boolean supplyOff, Instant lastReadingBefore) {
            return new Filters(ListFilters.utility(utility), ListFilters.id("property", property), supplyOff,
                    lastReadingBefore);
        }

        /** The values a cursor of the list is bound to, in this order. */
        public List<Object> values() {
            return Arrays.asList(utility, property, supplyOff, lastReadingBefore);
        }
    }

    public record Row(String meterId, String propertyId, String unitId, String utility, String accountId,
                      Instant lastReadAt, BigDecimal lastRegister, String supplyConfirmed, String supplyPending,
                      boolean supplyInDoubt) {
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
            case "unitId" -> row.unitId();
            case "propertyId" -> row.propertyId();
            case "utility" -> row.utility();
            case "lastReadAt" -> row.lastReadAt() == null ? null : row.lastReadAt().toString();
            default -> row.meterId();
        };
        return window.cursorAfter(value, row.meterId());
    }

    @Transactional(readOnly = true)
    public ListPage<Row> list(TenantId tenant, PropertyScope scope, Filters filters, ListWindow window) {
        SqlList sql = new SqlList("m.tenant_id", tenant.value()).moments("m.last_read_at")
                .scope("m.property_id", scope)
                .when(filters.utility(), "m.utility = ?")
                .when(filters.property(), "m.property_id = ?")
                // written out, not a parameter, so the partial index of meters confirmed off (V258) applies
                .when(Boolean.TRUE.equals(filters.supplyOff()), "m.supply_confirmed = 'OFF'")
                .when(Boolean.FALSE.equals(filters.supplyOff()), "m.supply_confirmed = 'ON'")
                .when(filters.lastReadingBefore() == null ? null : Timestamp.from(filters.lastReadingBefore()),
                        "(m.last_read_at is null or m.last_read_at < ?)");
        String where = sql.where();
        String page = sql.page(SORTS, "m.meter_id", window);
        return ListPage.of(jdbc.sql("""
                        select m.meter_id, m.property_id, m.unit_id, m.utility, m.account_id, m.last_read_at,
                            m.last_register, m.supply_confirmed, m.pending_action, m.supply_in_doubt
                        from meter_view m
                        where """ + " " + where + page)
                .params(sql.params())
                .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), AccountList.instant(rs.getTimestamp(6)), rs.getBigDecimal(7),
                        rs.getString(8), rs.getString(9), rs.getBoolean(10)))
                .list(), window, row -> cursor(row, window));
    }
}
