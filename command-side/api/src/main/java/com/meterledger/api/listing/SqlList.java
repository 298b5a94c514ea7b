package com.meterledger.api.listing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list's WHERE clause and parameters as its filters add them, and its ORDER BY from the window: the sort key's
 * column, then the row's id in the same direction, so that offset pages neither overlap nor skip a row. Columns come
 * from the list's own map of sort keys, never from the request. A moment that never happened (a meter never read)
 * sorts as the earliest one: first going up, last going down, as the moment's index keeps it (V230), so the index
 * serves the order and "newest reading first" does not open with meters that have none.
 * <p>
 * Here, in the published language, and not in one module: the lists live with the modules that own their tables
 * (accounts, meters and tariffs in query-side, units in tenant-admin, gateways in the meter gateways' connector), which
 * meet only through this module, and every list must page by the same rules. It only writes SQL text and collects
 * parameters; running it is each module's own JDBC.
 */
public final class SqlList {
    /** Columns of moments that may be null (never happened), sorted as the earliest. */
    private final Set<String> moments = new HashSet<>();
    /** Columns of whole numbers (minor units, counters). */
    private final Set<String> numbers = new HashSet<>();
    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public SqlList(String tenantColumn, String tenant) {
        where.append(tenantColumn).append(" = ?");
        params.add(tenant);
    }

    /**
     * Declares sort columns that hold moments ({@code timestamptz}): a cursor's value is read back as one, and a
     * moment that never happened (null) sorts as the earliest; such a column's index says {@code nulls first}.
     */
    public SqlList moments(String... columns) {
        moments.addAll(List.of(columns));
        return this;
    }

    /** Declares sort columns that hold whole numbers ({@code bigint}): a cursor's value is read back as one. */
    public SqlList numbers(String... columns) {
        numbers.addAll(List.of(columns));
        return this;
    }

    public SqlList scope(String propertyColumn, PropertyScope scope) {
        if (!scope.all()) {
            where.append(" and ").append(propertyColumn).append(" = any(?)");
            params.add(scope.array());
        }
        return this;
    }

    /** Adds {@code condition} (with one '?') when {@code value} is given. */
    public SqlList when(Object value, String condition) {
        if (value != null) {
            where.append(" and ").append(condition);
            params.add(value);
        }
        return this;
    }

    public SqlList when(boolean given, String condition) {
        if (given) {
            where.append(" and ").append(condition);
        }
        return this;
    }

    public String where() {
        return where.toString();
    }

    /**
     * ORDER BY, LIMIT and OFFSET of the window; one row more than the page, to know whether there is a next one. With
     * a cursor, first the condition "after the cursor's row" in the same order (a row comparison on the sort column
     * and the id, which the sort key's index serves as a range), and no offset.
     */
    public String page(Map<String, String> sorts, String idColumn, ListWindow window) {
        String column = sorts.get(window.sort());
        String after = window.after() == null ? "" : " and " + after(column, idColumn, window);
        params.add(window.size() + 1);
        params.add(window.offset());
        return after + orderBy(sorts, idColumn, window) + " limit ? offset ?";
    }

    /**
     * The window's ORDER BY alone, as {@link #page} writes it: for a query that picks its page in a subquery and then
     * works out further columns for that page's rows only, in the same order.
     */
    public String orderBy(Map<String, String> sorts, String idColumn, ListWindow window) {
        String direction = window.descending() ? " desc" : "";
        String column = sorts.get(window.sort());
        if (moments.contains(column)) {
            direction += window.descending() ? " nulls last" : " nulls first";
        }
        return " order by " + column + direction
                + (column.equals(idColumn) ? "" : ", " + idColumn + (window.descending() ? " desc" : ""));
    }

    private String after(String column, String idColumn, ListWindow window) {
        ListCursor cursor = window.after();
        String beyond = window.descending() ? "<" : ">";
        if (column.equals(idColumn)) {
            params.add(cursor.id());
            return idColumn + " " + beyond + " ?";
        }
        Object value = value(column, cursor.value());
        if (value == null) {
            // a moment that never happened: going up, these rows come first (then every read row); going down, last
            params.add(cursor.id());
            return window.descending()
                    ? "(" + column + " is null and " + idColumn + " < ?)"
                    : "((" + column + " is null and " + idColumn + " > ?) or " + column + " is not null)";
        }
        params.add(value);
        params.add(cursor.id());
        String rows = "(" + column + ", " + idColumn + ") " + beyond + " (?, ?)";
        return moments.contains(column) && window.descending() ? "(" + rows + " or " + column + " is null)" : rows;
    }

    /** The cursor's sort value in the column's type; a value the column cannot hold is not one of our cursors. */
    private Object value(String column, String text) {
        if (text == null) {
            if (!moments.contains(column)) {
                throw ListCursor.malformed();
            }
            return null;
        }
        try {
            if (moments.contains(column)) {
                return Timestamp.from(Instant.parse(text));
            }
            if (numbers.contains(column)) {
                return Long.parseLong(text);
            }
        } catch (RuntimeException e) {
            throw ListCursor.malformed();
        }
        return text;
    }

    public List<Object> params() {
        return params;
    }
}
