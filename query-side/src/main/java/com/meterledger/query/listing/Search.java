package com.meterledger.query.listing;

import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The one search box: a unit, account, meter, gateway or tariff by id or name, among the properties the caller sees
 * (tariffs have no property, but a flat-priced account's own tariff names the account: a property manager finds the
 * shared tariffs and their own accounts' ones, as the tariff list shows them). Text anywhere in the id or name matches, case-insensitively; an exact id comes first, then ids in order.
 * <p>
 * Why PostgreSQL and not the search cluster ({@code SearchAccess}): the four read models are already here, current in
 * the same transaction as the lists, under the same tenant and scope. Under row-level security LIKE and lower(), not
 * being leakproof, could not use the trigram indexes (V230..V232): an exact id took 468 ms p50 with 100,000 accounts
 * ({@code infra/perf lists}). Units, accounts and meters are therefore searched through their owners' functions
 * (V235, V236), which run as the tables' owner and bind the transaction's tenant themselves.
 * Gateways are read through the view their module publishes ({@code gateway_directory}), tariffs from this module's
 * tariff read model ({@code tariff_view}: a few per tenant, plus one per account opened with a flat price) through its
 * search function.
 */
@Service
public class Search {
    /** At most this many hits of each kind. */
    public static final int PER_KIND = 10;

    public enum Kind { UNIT, ACCOUNT, METER, GATEWAY, TARIFF }

    /** One thing found: its kind, id, name (units and gateways have one), property and unit where it has them. */
    public record Hit(Kind kind, String id, String name, String propertyId, String unitId) {
    }

    private final JdbcClient jdbc;

    public Search(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param text the search text as the caller typed it; judged here (2..100 characters, no control characters) */
    @Transactional(readOnly = true)
    public List<Hit> search(TenantId tenant, PropertyScope scope, String text) {
        String q = ListFilters.searchText("q", text);
        String exact = q.toLowerCase(java.util.Locale.ROOT);
        String like = "%" + ListFilters.likeLiteral(q) + "%";
        List<Hit> hits = new ArrayList<>();
        String[] properties = scope.all() ? null : scope.array();
        // units, accounts, meters and tariffs through the owners' tenant-bound search functions (V235, V236, V270),
        // which may use the trigram indexes; gateways, a few per property, through their module's view
        hits.addAll(jdbc.sql("select unit_id, name, property_id, unit_id from search_units(?, ?, cast(? as varchar[]), ?)")
                .params(like, exact, properties, PER_KIND)
                .query((rs, row) -> new Hit(Kind.UNIT, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list());
        jdbc.sql("select kind, id, property_id, unit_id from search_accounts_and_meters(?, ?, cast(? as varchar[]), ?)")
                .params(like, exact, properties, PER_KIND)
                .query((rs, row) -> new Hit(Kind.valueOf(rs.getString(1)), rs.getString(2), null, rs.getString(3),
                        rs.getString(4)))
                .list().stream().sorted(java.util.Comparator.comparing(h -> h.kind() == Kind.METER))
                .forEach(hits::add);
        hits.addAll(find(Kind.GATEWAY, """
                select gateway_id, name, property_id, null from gateway_directory
                where tenant_id = ? and (lower(gateway_id) like ? or lower(name) like ?)""", "property_id",
                "gateway_id", tenant, scope, exact, like));
        hits.addAll(tariffs(scope, exact, like));
        return hits;
    }

    /**
     * Tariffs by id or name through tariff-projection's tenant-bound search function (V270), which may use the trigram
     * indexes: a caller who sees the whole tenant finds every one; a property manager the shared ones and the own
     * tariffs of the accounts in their properties (the row names the account's property, V269), as the tariff list
     * shows them.
     */
    private List<Hit> tariffs(PropertyScope scope, String exact, String like) {
        return jdbc.sql("select tariff_id, name from search_tariffs(?, ?, cast(? as varchar[]), ?)")
                .params(like, exact, scope.all() ? null : scope.array(), PER_KIND)
                .query((rs, row) -> new Hit(Kind.TARIFF, rs.getString(1), rs.getString(2), null, null))
                .list();
    }

    private List<Hit> find(Kind kind, String select, String propertyColumn, String idColumn, TenantId tenant,
                           PropertyScope scope, String exact, String like) {
        List<Object> params = new ArrayList<>(List.of(tenant.value(), like, like));
        String sql = select;
        if (!scope.all()) {
            sql += " and " + propertyColumn + " = any(?)";
            params.add(scope.array());
        }
        sql += " order by lower(" + idColumn + ") = ? desc, " + idColumn + " limit " + PER_KIND;
        params.add(exact);
        return jdbc.sql(sql).params(params)
                .query((rs, row) -> new Hit(kind, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }
}
