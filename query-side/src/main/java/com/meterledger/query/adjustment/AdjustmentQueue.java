package com.meterledger.query.adjustment;

import com.meterledger.api.listing.ListFilters;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.people.ActorName;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four-eyes approval queue: a tenant's manual adjustments above its approval limit, pending (oldest first, the
 * end the queue is worked from) or decided (newest decision first). A property manager sees only their properties'
 * accounts: the scope is a condition of the query, before paging. The property is the account's row in
 * dashboard-projection (this module's read model); an adjustment waits on an open account, which has that row.
 */
@Service
public class AdjustmentQueue {
    public static final List<String> STATES = List.of("PENDING", "APPROVED", "REJECTED");

    private final JdbcClient jdbc;

    public AdjustmentQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code requestedBy}/{@code decidedBy} are the actors' ids as the events recorded them; the {@code ...Actor}
     * components say who they are now (a person's name, a former staff member), asked of the module that owns people
     * when the page is read.
     */
    public record Row(String accountId, String adjustmentId, String propertyId, long amountMinor, String currency,
                      String reason, String requestedBy, Instant requestedAt, String state, String decidedBy,
                      Instant decidedAt, String note, ActorName requestedByActor, ActorName decidedByActor) {
        Row named(Map<String, ActorName> names) {
            return new Row(accountId, adjustmentId, propertyId, amountMinor, currency, reason, requestedBy,
                    requestedAt, state, decidedBy, decidedAt, note,
                    requestedBy == null ? null : names.get(requestedBy), decidedBy == null ? null : names.get(decidedBy));
        }
    }

    /** The state as sent (null: PENDING); an unknown one is a 400 naming {@code state}. */
    public static String state(String state) {
        String judged = ListFilters.oneOf("state", state, STATES);
        return judged == null ? "PENDING" : judged;
    }

    /** Pages of the queue are in one fixed order per state; {@code requestedAt} is the only sort key. */
    public static ListWindow window(Integer page, Integer size) {
        return ListWindow.of(page, size, null, List.of("requestedAt"), "requestedAt");
    }

    @Transactional(readOnly = true)
    public ListPage<Row> list(TenantId tenant, PropertyScope scope, String state, String property, ListWindow window) {
        List<Object> params = new ArrayList<>(List.of(tenant.value(), state));
        StringBuilder where = new StringBuilder("q.tenant_id = ? and q.state = ?");
        if (!scope.all()) {
            where.append(" and d.property_id = any(?)");
            params.add(scope.array());
        }
        String onlyProperty = ListFilters.id("property", property);
        if (onlyProperty != null) {
            where.append(" and d.property_id = ?");
            params.add(onlyProperty);
        }
        String order = "PENDING".equals(state)
                ? " order by q.requested_at, q.account_id, q.adjustment_id"
                : " order by q.decided_at desc, q.account_id, q.adjustment_id";
        params.add(window.size() + 1);
        params.add(window.offset());
        return ListPage.of(jdbc.sql("""
                        select q.account_id, q.adjustment_id, d.property_id, q.amount_minor, q.currency, q.reason,
                            q.requested_by, q.requested_at, q.state, q.decided_by, q.decided_at, q.note
                        from adjustment_queue q
                        left join dashboard_account d on d.tenant_id = q.tenant_id and d.account_id = q.account_id
                        where\s""" + where + order + " limit ? offset ?")
                .params(params)
                .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                        rs.getString(9), rs.getString(10), instant(rs.getTimestamp(11)), rs.getString(12), null, null))
                .list(), window);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
