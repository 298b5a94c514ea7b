package com.meterledger.perf.readings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long after a reading was accepted its charge becomes visible in {@code account_view}. One background
 * thread reads {@code (account_id, last_sequence)} of the benchmark tenant in a loop on its own connection; a
 * reading is visible once its account's {@code last_sequence} reaches the sequence its charge got (the projection
 * writes balance and sequence in one statement). No LISTEN/NOTIFY and no change to the application: it observes the
 * read table exactly as a client would.
 * <p>
 * The observation time is taken just before each query: everything the query sees was committed before its snapshot,
 * so the measured latency is never longer than the real one by more than one poll cycle, and a reading already
 * visible when its client recorded the acceptance counts as zero.
 */
public final class VisibilityTracker implements AutoCloseable {
    private final Connection connection;
    private final long backendPid;
    private final String tenant;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Thread poller;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pollNanos = new AtomicLong();
    private final long pauseNanos;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /** Latencies of one batch of readings, indexed by the reading's position in the batch. */
    public static final class Phase {
        public final long[] latencyNanos;
        final CountDownLatch remaining;

        public Phase(int readings) {
            latencyNanos = new long[readings];
            Arrays.fill(latencyNanos, -1);
            remaining = new CountDownLatch(readings);
        }

        void visible(int reading, long nanos) {
            latencyNanos[reading] = Math.max(0, nanos);
            remaining.countDown();
        }

        /** Readings that were never accepted are never waited for. */
        public void skip() {
            remaining.countDown();
        }
    }

    private record Pending(long sequence, long acceptedAt, Phase phase, int reading) {
    }

    private static final class Account {
        long visibleSequence = -1;
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
    }

    public VisibilityTracker(Connection connection, String tenant, Iterable<String> accountIds, long pauseMicros)
            throws SQLException {
        this.connection = connection;
        try (var statement = connection.createStatement();
             var pid = statement.executeQuery("select pg_backend_pid()")) {
            pid.next();
            this.backendPid = pid.getLong(1);
        }
        this.tenant = tenant;
        this.pauseNanos = TimeUnit.MICROSECONDS.toNanos(pauseMicros);
        for (String id : accountIds) {
            accounts.put(id, new Account());
        }
        poller = new Thread(this::poll, "perf-visibility-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /** The PostgreSQL server process that answers this tracker's polls: the benchmark's load, not the system's. */
    public long backendPid() {
        return backendPid;
    }

    /** The reading's command completed at {@code acceptedAt}; its charge carries account sequence {@code sequence}. */
    public void accepted(String accountId, long sequence, long acceptedAt, Phase phase, int reading) {
        Account account = accounts.get(accountId);
        synchronized (account) {
            if (account.visibleSequence >= sequence) {
                phase.visible(reading, 0);
            } else {
                account.pending.add(new Pending(sequence, acceptedAt, phase, reading));
            }
        }
    }

    public boolean await(Phase phase, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            if (failure != null) {
                throw new IllegalStateException("visibility poller failed", failure);
            }
            if (phase.remaining.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Mean time between two observations of the read table: the resolution of the latency figures. */
    public double meanPollMillis() {
        long n = polls.get();
        return n == 0 ? 0 : pollNanos.get() / 1e6 / n;
    }

    private void poll() {
        try (PreparedStatement query = connection.prepareStatement(
                "select account_id, last_sequence from account_view where tenant_id = ?")) {
            query.setString(1, tenant);
            long previous = System.nanoTime();
            while (running) {
                long observedAt = System.nanoTime();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Account account = accounts.get(rows.getString(1));
                        if (account != null) {
                            observe(account, rows.getLong(2), observedAt);
                        }
                    }
                }
                polls.incrementAndGet();
                pollNanos.addAndGet(observedAt - previous);
                previous = observedAt;
                if (pauseNanos > 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (running) {
                failure = e;
            }
        }
    }

    private static void observe(Account account, long sequence, long observedAt) {
        synchronized (account) {
            if (sequence <= account.visibleSequence) {
                return;
            }
            account.visibleSequence = sequence;
            while (!account.pending.isEmpty() && account.pending.peek().sequence() <= sequence) {
                Pending pending = account.pending.poll();
                pending.phase().visible(pending.reading(), observedAt - pending.acceptedAt());
            }
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        poller.join(5_000);
        connection.close();
    }
}
