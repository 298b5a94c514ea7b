package com.meterledger.perf.readings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the same PostgreSQL does with no application in front of it: event rows inserted by plain JDBC into a scratch
 * copy of {@code domain_event_entry} (same columns, defaults, primary key and unique constraints, own sequence), one
 * transaction per {@code rowsPerTransaction} rows, from several client threads. The rows are copies of event rows the
 * reading benchmark wrote in this run (payload and metadata bytes included), so their size and shape are the real
 * ones; only the identifiers are new.
 */
public final class RawInsertBaseline {
    static final String TABLE = "perf_raw_event_entry";

    record Sample(String type, String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                  byte[] metaData) {
        int bytes() {
            return payload.length + (metaData == null ? 0 : metaData.length);
        }
    }

    public record Measurement(int threads, int rowsPerTransaction, long rows, double seconds) {
        public double rowsPerSecond() {
            return rows / seconds;
        }

        public double transactionsPerSecond() {
            return rows / (double) rowsPerTransaction / seconds;
        }
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final List<Sample> samples;
    private int run;

    private RawInsertBaseline(String jdbcUrl, String user, String password, List<Sample> samples) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.samples = samples;
    }

    /** Creates the scratch table and takes up to 256 event rows written after {@code afterGlobalIndex} as models. */
    public static RawInsertBaseline prepare(String jdbcUrl, String user, String password, long afterGlobalIndex)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement ddl = connection.createStatement()) {
            ddl.execute("drop table if exists " + TABLE);
            ddl.execute("drop sequence if exists " + TABLE + "_seq");
            ddl.execute("create table " + TABLE + " (like domain_event_entry including all)");
            ddl.execute("create sequence " + TABLE + "_seq");
            ddl.execute("alter table " + TABLE + " alter column global_index set default nextval('" + TABLE + "_seq')");
            List<Sample> samples = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select type, time_stamp, payload_type, payload_revision, payload, meta_data
                    from domain_event_entry where global_index > ? order by global_index limit 256""")) {
                select.setLong(1, afterGlobalIndex);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        samples.add(new Sample(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getBytes(5), rows.getBytes(6)));
                    }
                }
            }
            if (samples.isEmpty()) {
                throw new IllegalStateException("no event rows to copy after global index " + afterGlobalIndex);
            }
            return new RawInsertBaseline(jdbcUrl, user, password, samples);
        }
    }

    public double meanRowBytes() {
        return samples.stream().mapToInt(Sample::bytes).average().orElse(0);
    }

    /** Inserts {@code rows} rows (rounded down to whole transactions per thread) after a short untimed warm-up. */
    public Measurement measure(int threads, long rows, int rowsPerTransaction) throws Exception {
        int runId = ++run;
        long transactionsPerThread = Math.max(1, rows / rowsPerTransaction / threads);
        long warmupTransactions = Math.max(10, Math.min(200, transactionsPerThread / 10));
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String aggregatePrefix = "raw-" + runId + "-" + t + "-";
                workers.add(pool.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                         PreparedStatement insert = connection.prepareStatement("insert into " + TABLE
                                 + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                                 + " payload_type, payload_revision, payload, meta_data)"
                                 + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        connection.setAutoCommit(false);
                        long[] next = {0};
                        Runnable transaction = () -> insertTransaction(connection, insert, aggregatePrefix + "w",
                                next, rowsPerTransaction);
                        for (long i = 0; i < warmupTransactions; i++) {
                            transaction.run();
                        }
                        start.await();
                        next[0] = 0;
                        for (long i = 0; i < transactionsPerThread; i++) {
                            insertTransaction(connection, insert, aggregatePrefix + "m", next, rowsPerTransaction);
                        }
                        end.await();
                    }
                    return null;
                }));
            }
            start.await();
            long began = System.nanoTime();
            end.await();
            long ended = System.nanoTime();
            for (Future<?> worker : workers) {
                worker.get();
            }
            return new Measurement(threads, rowsPerTransaction, transactionsPerThread * rowsPerTransaction * threads,
                    (ended - began) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Like Axon's append: the transaction's rows go in one JDBC batch, then one commit. */
    private void insertTransaction(Connection connection, PreparedStatement insert, String aggregate, long[] next,
                                   int rowsPerTransaction) {
        try {
            for (int r = 0; r < rowsPerTransaction; r++) {
                long sequence = next[0]++;
                Sample sample = samples.get((int) (sequence % samples.size()));
                insert.setString(1, UUID.randomUUID().toString());
                // one aggregate per 64 rows keeps the (aggregate, sequence) index realistic
                insert.setString(2, aggregate + (sequence / 64));
                insert.setLong(3, sequence % 64);
                insert.setString(4, sample.type());
                insert.setString(5, sample.timeStamp());
                insert.setString(6, sample.payloadType());
                insert.setString(7, sample.payloadRevision());
                insert.setBytes(8, sample.payload());
                insert.setBytes(9, sample.metaData());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("raw insert failed", e);
        }
    }
}
