package com.meterledger.query.listing;

import com.meterledger.api.listing.ListCursor;
import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.listing.SqlList;
import com.meterledger.api.shared.TenantId;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tariff list, from tariff-projection's rows ({@code tariff_view}, {@code tariff_version_view}), paged and sorted
 * by the same rules as the account and meter lists ({@link ListWindow}, {@link ListCursor}, {@link SqlList}). The
 * version in force moves with the clock, so it is worked out as the page is read, per row of the page only (the
 * versions' primary key, newest first). The open accounts priced by a tariff are kept by tariff-projection per
 * property (V269), so a row sums a few counts, of the scope's properties only for a property manager:
 * counting them per row as the page was read took 148 ms p50 for three shared tariffs of ~16,600 accounts each
 * (infra/perf lists). Tariffs have no property, but an account's own flat tariff names the account and, on its row,
 * the account's property: a property manager sees the shared tariffs and the own tariffs of the accounts in their
 * properties (V266, V269), as {@code GET /api/tariffs/{id}} and the search box do.
 */
@Service
public class TariffList {
    public static final List<String> STATES = List.of("DRAFT", "PUBLISHED");
    public static final List<String> KINDS = List.of("FLAT", "TIERED", "TIME_OF_USE");
    public static final Map<String, String> SORTS = Map.of("tariffId", "t.tariff_id", "name", "t.name",
            "utility", "t.utility", "state", "t.state", "createdAt", "t.created_at");
    public static final String DEFAULT_SORT = "tariffId";
    /** The list's name, which its cursors carry. */
    public static final String LIST = "tariffs";
    /**
     * The condition that a tariff {@code t} shows to a caller who sees the properties of the one array parameter: a
     * shared tariff, or the own tariff of an account in one of them (an account not yet projected is in none): a
     * condition on the row itself, which the index {@code tariff_view_owner_property} serves.
     */
    static final String IN_SCOPE = "(t.account_id is null or t.property_id = any(?))";
    /**
     * A name that matches at most this many tariffs narrows the list to their ids, found by the search box's
     * tenant-bound function and its trigram index (V276); one that matches more filters the rows themselves, by the
     * same rule, as the sort key's index is walked: matches that dense fill a page within a few hundred rows, where
     * joining tens of thousands of ids cost seconds.
     */
    static final int NAMED_IDS = 500;

    private final JdbcClient jdbc;

    public TariffList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The filters of the list, each null when not asked for.
     *
     * @param nameContains text anywhere in the name, case-insensitively (2..100 characters, as the search box's)
     */
    public record Filters(String utility, String kind, String state, String nameContains) {
        /** Judges the parameters as sent: unknown codes, control characters, one letter are a 400 naming it. */
        public static Filters of(String utility, String kind, String state, String name) {
            return new Filters(ListFilters.utility(utility), ListFilters.oneOf("kind", kind, KINDS),
                    ListFilters.oneOf("state", state, STATES),
                    name == null || name.isBlank() ? null : ListFilters.searchText("name", name));
        }

        /** The values a cursor of the list is bound to, in this order. */
        public List<Object> values() {
            return java.util.Arrays.asList(utility, kind, state, nameContains);
        }
    }

    /**
     * A tariff as the list shows it.
     *
     * @param kind           the latest version's schedule (FLAT, TIERED, TIME_OF_USE); null while a draft
     * @param versions       how many versions were published
     * @param versionInForce the number of the version in force now; null when none is yet
     * @param inForceFrom    since when that version is in force
     * @param accounts       open accounts priced by the tariff
     */
    public record Row(String tariffId, String name, String utility, String kind, String currency, String zone,
                      String state, int versions, Integer versionInForce, Instant inForceFrom, long accounts,
                      Instant createdAt) {
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
            case "name" -> row.name();
            case "utility" -> row.utility();
            case "state" -> row.state();
            case "createdAt" -> row.createdAt().toString();
            default -> row.tariffId();
        };
        return window.cursorAfter(value, row.tariffId());
    }

    /**
     * A page of the tariffs the scope shows: every tariff of the tenant, or (a property manager's scope) the shared ones
     * and the own tariffs of the accounts in the scope's properties, before paging; the open accounts counted are
     * likewise the scope's only, so a manager never learns how many accounts the other properties hold on a tariff.
     */
    @Transactional(readOnly = true)
    public ListPage<Row> list(TenantId tenant, PropertyScope scope, Filters filters, ListWindow window) {
        Named named = named(filters.nameContains());
        SqlList sql = new SqlList("t.tenant_id", tenant.value()).moments("t.created_at")
                .when(scope.all() ? null : scope.array(), IN_SCOPE)
                .when(filters.utility(), "t.utility = ?")
                .when(filters.kind(), "t.kind = ?")
                .when(filters.state(), "t.state = ?")
                // "lower(t.name) like ?" alone, under row-level security, read every tariff of the tenant to keep the
                // few it matched: the trigram index serves only the tenant-bound function (V276)
                .when(named.ids(), "t.tariff_id = any(?)")
                .when(named.ids() == null ? named.pattern() : null, "tariff_name_contains(t.name, ?)");
        String where = sql.where();
        String page = sql.page(SORTS, "t.tariff_id", window);
        List<Object> params = new ArrayList<>();
        String accounts = "coalesce((select sum(c.open_accounts) from tariff_property_accounts c "
                + "where c.tenant_id = t.tenant_id and c.tariff_id = t.tariff_id"
                + (scope.all() ? "" : " and c.property_id = any(?)") + "), 0)";
        if (!scope.all()) {
            params.add(scope.array());
        }
        params.addAll(sql.params());
        params.add(Timestamp.from(GenericEventMessage.clock.instant()));
        // the page's rows first, then the version in force and the open accounts of those rows only: worked out
        // before the sort, they cost every matching tariff's (a name that 50,050 tariffs have took about 180 ms)
        return ListPage.of(jdbc.sql("""
                        select t.tariff_id, t.name, t.utility, t.kind, t.currency, t.zone, t.state, t.latest_version,
                            f.version_number, f.effective_from,"""
                        + " " + accounts + """
                        , t.created_at
                        from (select t.* from tariff_view t where""" + " " + where + page + """
                        ) t
                        left join lateral (select v.version_number, v.effective_from from tariff_version_view v
                                           where v.tenant_id = t.tenant_id and v.tariff_id = t.tariff_id
                                             and v.effective_from <= ?
                                           order by v.version_number desc limit 1) f on true
                        """ + sql.orderBy(SORTS, "t.tariff_id", window))
                .params(params)
                .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        (Integer) rs.getObject(9), AccountList.instant(rs.getTimestamp(10)), rs.getLong(11),
                        AccountList.instant(rs.getTimestamp(12))))
                .list(), window, row -> cursor(row, window));
    }

    /**
     * The name filter as a LIKE pattern, with the ids of its matches when there are at most {@link #NAMED_IDS}.
     *
     * @param pattern null when the list is not filtered by name
     * @param ids     null when not filtered, or when the name matches more tariffs than that
     */
    private record Named(String pattern, String[] ids) {
    }

    private Named named(String nameContains) {
        if (nameContains == null) {
            return new Named(null, null);
        }
        String pattern = "%" + ListFilters.likeLiteral(nameContains) + "%";
        List<String> ids = jdbc.sql("select tariff_id from tariffs_matching(?, null, null, ?)")
                .params(pattern, NAMED_IDS + 1).query(String.class).list();
        return new Named(pattern, ids.size() > NAMED_IDS ? null : ids.toArray(String[]::new));
    }
}
