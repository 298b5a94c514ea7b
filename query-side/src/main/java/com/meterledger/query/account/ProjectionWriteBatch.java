package com.meterledger.query.account;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

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
 * {@code where last_sequence < ?}). Within one statement text the order of arrival is kept. Any other write must
 * first call {@link #flushBefore}, so it lands after everything collected before it, as if nothing were collected.
 * <p>
 * Row-level security: the rows of several tenants may be collected in one batch. Each tenant's rows are sent with the
 * transaction's {@code app.tenant_id} set to that tenant (the same setting the processor's tenant interceptor makes
 * per event); before a write of the event in hand, the setting is put back to that event's tenant afterwards.
 */
final class ProjectionWriteBatch {
    private static final String SET_TENANT = "select set_config('app.tenant_id', ?, true)";

    private final JdbcTemplate jdbc;
    /** tenant → statement → argument rows, each in order of arrival */
    private final Map<String, Map<String, List<Object[]>>> rows = new LinkedHashMap<>();

    private ProjectionWriteBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Collects a row for the batch of the current unit of work, or writes it at once outside one (and for an event
     * without a tenant, which must fail inside its own handler so that it is dead-lettered, not the whole batch).
     */
    static void add(JdbcTemplate jdbc, String key, String tenant, String sql, Object... arguments) {
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
                .computeIfAbsent(sql, s -> new ArrayList<>()).add(arguments);
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
            rows.get(tenant).forEach(jdbc::batchUpdate);
        }
        rows.clear();
        if (connectionTenant != null && !connectionTenant.equals(current)) {
            jdbc.queryForObject(SET_TENANT, String.class, connectionTenant);
        }
    }

    private static String tenantOf(Message<?> message) {
        return message.getMetaData().get(TENANT) instanceof String tenant && !tenant.isBlank() ? tenant : "";
    }
}
