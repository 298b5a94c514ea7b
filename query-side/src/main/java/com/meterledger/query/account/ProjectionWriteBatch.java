package com.meterledger.query.account;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The rows a projection writes while its processor handles one batch of events (one unit of work), sent as JDBC
 * batches instead of one round trip per statement: a rebuild or a backlog then costs a few round trips per batch.
 * <p>
 * Only statements that commute may be collected: inserts with {@code on conflict do nothing} into tables nobody in
 * the batch reads, and updates guarded so that applying them in any grouping gives the row the newest value (e.g.
 * {@code where last_sequence < ?}). Within one statement text the order of arrival is kept. Such an update whose
 * newest value is all that remains of it ({@link #addNewest}) is sent once per row and batch, with its newest value:
 * a hot row (an account's balance during a rebuild) is then written once per batch, not once per event. Any other
 * write must first call {@link #flushBefore}, so it lands after everything collected before it, as if nothing were
 * collected.
 * <p>
 * Row-level security: the rows of several tenants may be collected in one batch. Each tenant's rows are sent with the
 * transaction's {@code app.tenant_id} set to that tenant (the same setting the processor's tenant interceptor makes
 * per event); before a write of the event in hand, the setting is put back to that event's tenant afterwards.
 */
final class ProjectionWriteBatch {
    private static final String SET_TENANT = "select set_config('app.tenant_id', ?, true)";

    private final JdbcTemplate jdbc;
    /** tenant → statement → (database row or a unique key) → arguments, in order of arrival */
    private final Map<String, Map<String, Map<Object, Arguments>>> rows = new LinkedHashMap<>();

    private ProjectionWriteBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Arguments(long order, Object[] values) {
    }

    /**
     * Collects a statement for the batch of the current unit of work, or runs it at once outside one (and for an event
     * without a tenant, which must fail inside its own handler so that it is dead-lettered, not the whole batch).
     */
    static void add(JdbcTemplate jdbc, String key, String tenant, String sql, Object... arguments) {
        collect(jdbc, key, tenant, sql, new Object(), 0, arguments);
    }

    /**
     * As {@link #add}, for an update of the database row {@code row} whose value with the highest {@code order} is
     * the only one that stays: of the collected updates of that row only that one is sent (the first of equals).
     */
    static void addNewest(JdbcTemplate jdbc, String key, String tenant, String sql, Object row, long order,
                          Object... arguments) {
        collect(jdbc, key, tenant, sql, row, order, arguments);
    }

    private static void collect(JdbcTemplate jdbc, String key, String tenant, String sql, Object row, long order,
                                Object[] arguments) {
        if (!CurrentUnitOfWork.isStarted() || tenant == null || tenant.isBlank()) {
            jdbc.update(sql, arguments);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        ProjectionWriteBatch batch = root.getOrComputeResource(key, k -> {
            ProjectionWriteBatch created = new ProjectionWriteBatch(jdbc);
            root.onPrepareCommit(u -> created.flush(null));
            return created;
        });
        batch.rows.computeIfAbsent(tenant, t -> new LinkedHashMap<>())
                .computeIfAbsent(sql, s -> new LinkedHashMap<>())
                .merge(row, new Arguments(order, arguments), (kept, next) -> next.order() > kept.order() ? next : kept);
    }

    /**
     * Sends what was collected so far, before a write of the event in hand that must come after it. The tenant
     * interceptor has set the connection to that event's tenant: its rows go first, and the setting ends there.
     */
    static void flushBefore(String key) {
        if (CurrentUnitOfWork.isStarted()) {
            ProjectionWriteBatch batch = CurrentUnitOfWork.get().root().getResource(key);
            if (batch != null) {
                batch.flush(tenantOf(CurrentUnitOfWork.get().getMessage()));
            }
        }
    }

    /**
     * @param connectionTenant the tenant the connection is set to, which it is set back to; null when not known (at
     *                         commit, after events of any tenant), then every tenant's rows are preceded by its setting
     */
    private void flush(String connectionTenant) {
        if (rows.isEmpty()) {
            return;
        }
        String current = connectionTenant;
        List<String> tenants = new ArrayList<>(rows.keySet());
        if (current != null && tenants.remove(current)) {
            tenants.addFirst(current);
        }
        for (String tenant : tenants) {
            if (!tenant.equals(current)) {
                jdbc.queryForObject(SET_TENANT, String.class, tenant);
                current = tenant;
            }
            rows.get(tenant).forEach((sql, collected) -> send(sql, List.copyOf(collected.values())));
        }
        rows.clear();
        if (connectionTenant != null && !connectionTenant.equals(current)) {
            jdbc.queryForObject(SET_TENANT, String.class, connectionTenant);
        }
    }

    /** Values bound as they are (timestamps, numbers, strings): no per-value type lookup. */
    private void send(String sql, List<Arguments> batch) {
        jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement statement, int i) throws SQLException {
                Object[] values = batch.get(i).values();
                for (int v = 0; v < values.length; v++) {
                    statement.setObject(v + 1, values[v]);
                }
            }

            @Override
            public int getBatchSize() {
                return batch.size();
            }
        });
    }

    private static String tenantOf(Message<?> message) {
        return message.getMetaData().get(TENANT) instanceof String tenant && !tenant.isBlank() ? tenant : "";
    }
}
