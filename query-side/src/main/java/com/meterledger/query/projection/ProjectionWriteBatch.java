package com.meterledger.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * The rows a projection writes while its processor handles one batch of events (one unit of work), sent as JDBC
 * batches instead of one round trip per statement: a rebuild or a backlog then costs a few round trips per batch.
 * <p>
 * Only statements that commute may be collected: inserts with {@code on conflict do nothing} into tables nobody in
 * the batch reads, and updates guarded so that applying them in any grouping gives the row the newest value (e.g.
 * {@code where last_sequence < ?}). Within one statement text the order of arrival is kept. Such an update whose
 * newest value is all that remains of it ({@link Writes#addNewest}) is sent once per row and batch, with its newest
 * value: a hot row (an account's balance during a rebuild) is then written once per batch, not once per event. Any
 * other write must first call {@link Writes#flushBefore}, so it lands after everything collected before it, as if
 * nothing were collected.
 * <p>
 * Row-level security: the rows of several tenants may be collected in one batch. Each tenant's rows are sent with the
 * transaction's {@code app.tenant_id} set to that tenant (the same setting the processor's tenant interceptor makes
 * per event); before a write of the event in hand, the setting is put back to that event's tenant afterwards.
 * <p>
 * A poison event: in PostgreSQL one failed statement aborts the whole transaction, so a failing write would take the
 * batch, the dead-letter write and the processor's progress down with it. Writes made at once run in a savepoint of
 * their own event ({@link Writes#isolated}): a failure rolls back that event alone and the dead-letter queue can
 * record it. A collected flush that fails cannot be pinned on one event: it is rolled back, the batch fails and is
 * retried by the processor, and every event up to the failed batch's last one is then written at once, each in its
 * savepoint, so the bad one is dead-lettered alone and the rest commit.
 */
public final class ProjectionWriteBatch {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionWriteBatch.class);
    private static final String SET_TENANT = "select set_config('app.tenant_id', ?, true)";

    private final Writes writes;
    /** tenant → statement (its SQL or {@link Rows}) → (database row or a unique key) → arguments, in order of arrival */
    private final Map<String, Map<Object, Map<Object, Arguments>>> rows = new LinkedHashMap<>();
    /** the highest event position collected, -1 when not known */
    private long lastPosition = -1;
    private RuntimeException failure;

    private ProjectionWriteBatch(Writes writes) {
        this.writes = writes;
    }

    private record Arguments(long order, Object[] values) {
    }

    /**
     * A statement that writes many rows in one execution: its arguments are arrays, one per column, of the element
     * types named here, e.g. {@code update t set ... from unnest(?::bigint[], ?::varchar[]) as v(a, id) where ...}.
     * Collected rows are sent as one execution per batch (instead of one per row, which costs the database far more);
     * a row written at once is sent as arrays of one.
     */
    public record Rows(String sql, String... elementTypes) {
    }

    /** One projection's collected writes; {@code key} names its batch among the unit of work's resources. */
    public static final class Writes {
        private final JdbcTemplate jdbc;
        private final String key;
        /** Events at or before this position are written at once, each in its savepoint (after a failed flush). */
        private final AtomicLong oneByOneUpTo = new AtomicLong(-1);

        public Writes(JdbcTemplate jdbc, String key) {
            this.jdbc = jdbc;
            this.key = key;
        }

        /**
         * Collects a statement for the batch of the current unit of work, or runs it at once outside one, for an event
         * without a tenant (which must fail inside its own handler so that it is dead-lettered, not the whole batch),
         * and for an event of a batch that failed before.
         */
        public void add(String tenant, String sql, Object... arguments) {
            collect(tenant, sql, new Object(), 0, null, arguments);
        }

        /**
         * As {@link #add}, for an update of the database row {@code row} whose value with the highest {@code order}
         * is the only one that stays: of the collected updates of that row only that one is sent (the first of equals).
         */
        public void addNewest(String tenant, String sql, Object row, long order, Object... arguments) {
            collect(tenant, sql, row, order, null, arguments);
        }

        /** As {@link #addMerged}, for a multi-row statement: {@code arguments} are the row's values, one per array. */
        public void addMerged(String tenant, Rows statement, Object row, BinaryOperator<Object[]> merge,
                              Object... arguments) {
            collect(tenant, statement, row, 0, merge, arguments);
        }

        /**
         * As {@link #add}, for a statement whose collected executions for the same {@code row} can be sent as one,
         * with the arguments {@code merge} makes of two of them (e.g. an upsert that adds an amount: the amounts
         * summed). The statement must commute with itself, so that one execution with merged arguments leaves the
         * same row as all of them.
         */
        public void addMerged(String tenant, String sql, Object row, BinaryOperator<Object[]> merge,
                              Object... arguments) {
            collect(tenant, sql, row, 0, merge, arguments);
        }

        /**
         * For a projection's {@code @MessageHandlerInterceptor}: an event of the {@code collected} types is handled as
         * it comes; any other event's writes must land after the rows collected before it, so those are sent first,
         * and it runs in a savepoint of its own, so that a failing one is dead-lettered alone.
         */
        public Object inOrder(EventMessage<?> event, InterceptorChain chain, Set<Class<?>> collected)
                throws Exception {
            if (collected.contains(event.getPayloadType()) && !writesAtOnce()) {
                return chain.proceed();
            }
            flushBefore();
            return isolated(chain::proceed);
        }

        /**
         * Whether the current event's collectable writes are made at once instead (see {@link #add}), so must run
         * {@link #isolated}.
         */
        public boolean writesAtOnce() {
            if (!CurrentUnitOfWork.isStarted()) {
                return true;
            }
            Message<?> event = CurrentUnitOfWork.get().getMessage();
            long position = positionOf(event);
            return tenantOf(event).isEmpty() || (position >= 0 && position <= oneByOneUpTo.get());
        }

        private void collect(String tenant, Object statement, Object row, long order, BinaryOperator<Object[]> merge,
                             Object[] arguments) {
            if (tenant == null || tenant.isBlank() || writesAtOnce()) {
                send(jdbc, statement, List.of(new Arguments(order, arguments)));
                return;
            }
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            ProjectionWriteBatch batch = root.getOrComputeResource(key, k -> {
                ProjectionWriteBatch created = new ProjectionWriteBatch(this);
                root.onPrepareCommit(u -> created.commit());
                return created;
            });
            batch.lastPosition = Math.max(batch.lastPosition, positionOf(CurrentUnitOfWork.get().getMessage()));
            batch.rows.computeIfAbsent(tenant, t -> new LinkedHashMap<>())
                    .computeIfAbsent(statement, s -> new LinkedHashMap<>())
                    .merge(row, new Arguments(order, arguments), merge == null
                            ? (kept, next) -> next.order() > kept.order() ? next : kept
                            : (kept, next) -> new Arguments(kept.order(), merge.apply(kept.values(), next.values())));
        }

        /**
         * Sends what was collected so far, before a write of the event in hand that must come after it. The tenant
         * interceptor has set the connection to that event's tenant: its rows go first, and the setting ends there.
         * A failure here is not the event in hand's: the batch is marked failed and fails at commit.
         */
        public void flushBefore() {
            if (CurrentUnitOfWork.isStarted()) {
                ProjectionWriteBatch batch = CurrentUnitOfWork.get().root().getResource(key);
                if (batch != null && batch.failure == null) {
                    batch.flushInSavepoint(tenantOf(CurrentUnitOfWork.get().getMessage()));
                }
            }
        }

        /**
         * Runs one event's handling in a savepoint of the processor's transaction: when it fails, its writes are
         * rolled back and the transaction stays usable for the dead-letter queue and the batch's other events.
         */
        public Object isolated(Callable<Object> handling) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return handling.call();
            }
            DataSource dataSource = jdbc.getDataSource();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                Savepoint savepoint = connection.setSavepoint();
                Object result;
                try {
                    result = handling.call();
                } catch (Exception | Error e) {
                    connection.rollback(savepoint);
                    throw e;
                }
                connection.releaseSavepoint(savepoint);
                return result;
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        private static long positionOf(Message<?> event) {
            return event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                    ? tracked.trackingToken().position().orElse(-1) : -1;
        }
    }

    private void commit() {
        if (failure == null) {
            flushInSavepoint(null);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void flushInSavepoint(String connectionTenant) {
        try {
            writes.isolated(() -> {
                flush(connectionTenant);
                return null;
            });
        } catch (Exception e) {
            writes.oneByOneUpTo.accumulateAndGet(lastPosition, Math::max);
            LOG.warn("A batch of {} failed to write; it is retried with each event up to position {} written on its "
                    + "own, so that the failing one is dead-lettered", writes.key, lastPosition, e);
            failure = new IllegalStateException("batch of " + writes.key + " failed to write, retried event by event",
                    e);
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
                writes.jdbc.queryForObject(SET_TENANT, String.class, tenant);
                current = tenant;
            }
            rows.get(tenant).forEach((statement, collected) -> send(writes.jdbc, statement,
                    List.copyOf(collected.values())));
        }
        rows.clear();
        if (connectionTenant != null && !connectionTenant.equals(current)) {
            writes.jdbc.queryForObject(SET_TENANT, String.class, connectionTenant);
        }
    }

    private static void send(JdbcTemplate jdbc, Object statement, List<Arguments> batch) {
        if (statement instanceof Rows multiRow) {
            sendRows(jdbc, multiRow, batch);
        } else {
            sendBatch(jdbc, (String) statement, batch);
        }
    }

    /** One execution for all rows: the collected values transposed into one array per column. */
    private static void sendRows(JdbcTemplate jdbc, Rows statement, List<Arguments> batch) {
        jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                String[] types = statement.elementTypes();
                for (int column = 0; column < types.length; column++) {
                    Object[] values = new Object[batch.size()];
                    for (int row = 0; row < values.length; row++) {
                        values[row] = arrayElement(batch.get(row).values()[column]);
                    }
                    prepared.setArray(column + 1, connection.createArrayOf(types[column], values));
                }
                return prepared.executeUpdate();
            }
        });
    }

    /** Array elements travel as text: instants and decimals in a form PostgreSQL reads exactly, in any time zone. */
    private static Object arrayElement(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value;
    }

    /** Values bound as they are (timestamps, numbers, strings): no per-value type lookup. */
    private static void sendBatch(JdbcTemplate jdbc, String sql, List<Arguments> batch) {
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
