package com.meterledger.perf.audit;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.embedded.EmbeddedPostgresServer;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.perf.CpuAccount;
import com.meterledger.perf.PerfApplication;
import com.meterledger.perf.PgStatements;
import com.meterledger.perf.Processors;
import com.meterledger.perf.readings.RawInsertBaseline;
import com.meterledger.perf.readings.ReadingBenchmark;
import com.meterledger.query.audit.AccountReplay;
import com.meterledger.query.audit.PointInTimeBalance;
import com.meterledger.query.audit.ProjectionRebuilds;
import com.meterledger.query.audit.Reconciliation;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.meterledger.perf.Sql.connect;
import static com.meterledger.perf.Sql.scalar;
import static com.meterledger.perf.Sql.text;

/**
 * Auditor tools under load, each beside a baseline measured in the same run on the same server:
 * <ol>
 *   <li>point-in-time balance of one account with E events: {@code AccountReplay} (one query over the account's
 *   event rows, amounts parsed from the money events, running sum) and the whole {@code PointInTimeBalance}
 *   answer (replay plus the projection's side), against a plain JDBC scan of the same rows (bytes only);</li>
 *   <li>rebuild of account-projection over the whole store (reset, replay, wait for the target position) in events/s,
 *   against a plain JDBC scan of every event row and the raw insert rate of event rows ({@link RawInsertBaseline},
 *   100 rows per transaction).</li>
 * </ol>
 * History: accounts and meters are created through the real command path; their consumption history (ReadingRecorded
 * on the meter, ConsumptionCharged on the account, 1 minor unit per charge) is then appended straight into
 * {@code domain_event_entry} in JDBC batches, serialized by the application's own event serializer with the same
 * metadata the command path writes, because the command path would need ~minutes per 100k events on 2 cores. The
 * replay's balanceAfter check and a reconciliation after the rebuild verify that the appended history is consistent.
 */
public final class AuditBenchmark {
    /** Minor units per kWh: each synthetic reading of 0.01 kWh costs exactly one minor unit. */
    private static final BigDecimal PRICE = new BigDecimal("100");
    static final TenantId TENANT = new TenantId("perf-audit");
    static final PropertyId PROPERTY = new PropertyId("audit-site");
    static final Currency EUR = Currency.getInstance("EUR");
    static final long OPENING_CREDIT = 1_000_000_000L;

    public record Options(int accountEvents, int accounts, int totalEvents, int iterations, Path home,
                          List<String> applicationProperties) {
        public static final String HELP = """
                options of `audit`:
                  --account-events E  events of the one account whose point-in-time balance is timed (default 10000)
                  --accounts A        accounts (and meters) in the store (default 20)
                  --events N          event rows in the store before the rebuild, about (default 200000)
                  --iterations I      timed point-in-time replays (default 30, after 10 untimed)
                  --home DIR          folder for the embedded PostgreSQL (default: temp folder, deleted after)
                  --set key=value     an application property for this run (repeatable)
                with -Dmeterledger.postgres.stat-statements=true before -jar, PostgreSQL's costliest statements of the
                rebuild are printed too""";

        public static Options parse(String... args) {
            int accountEvents = 10_000;
            int accounts = 20;
            int total = 200_000;
            int iterations = 30;
            Path home = null;
            List<String> properties = new ArrayList<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1].replace("_", "");
                switch (args[i]) {
                    case "--account-events" -> accountEvents = Integer.parseInt(value);
                    case "--accounts" -> accounts = Integer.parseInt(value);
                    case "--events" -> total = Integer.parseInt(value);
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--home" -> home = Path.of(args[i + 1]);
                    case "--set" -> properties.add(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + HELP);
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("missing value after " + args[args.length - 1] + "\n" + HELP);
            }
            if (accounts < 2 || accountEvents < 1 || iterations < 1) {
                throw new IllegalArgumentException("--accounts >= 2, --account-events and --iterations >= 1");
            }
            return new Options(accountEvents, accounts, total, iterations, home, properties);
        }
    }

    private final Options options;
    private final PrintStream out;

    public AuditBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return true when every verification passed */
    public boolean run() throws Exception {
        return PerfApplication.run("audit", options.home(), options.applicationProperties(), out, this::measure);
    }

    private boolean measure(ConfigurableApplicationContext context) throws Exception {
        PostgresCoordinates db = context.getBean(EmbeddedPostgresServer.class).coordinates();
        CommandGateway gateway = context.getBean(CommandGateway.class);
        Serializer serializer = context.getBean("eventSerializer", Serializer.class);
        out.println("PostgreSQL " + text(db, "show server_version") + ", fsync=" + text(db, "show fsync")
                + ", synchronous_commit=" + text(db, "show synchronous_commit") + " (meterledger.postgres.durable, see README)");

        // 1. accounts and meters through the command path
        Registry registry = context.getBean(Registry.class);
        registry.addProperty(TENANT, PROPERTY, "Audit site", "2 Ledger Lane");
        Instant openedReadAt = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < options.accounts(); i++) {
            UnitId unit = new UnitId("au-" + i);
            registry.addUnit(TENANT, PROPERTY, unit, "Unit " + i);
            send(gateway, new RegisterMeter(meter(i), unit, Utility.ELECTRICITY, "AUD-" + i));
            send(gateway, new OpenAccount(account(i), unit, meter(i), EUR, OpenAccount.privateTariffOf(account(i)),
                    new FlatTariff(PRICE), openedReadAt, BigDecimal.ZERO, Map.of()));
            send(gateway, new RecordTopUp(account(i), new Money(OPENING_CREDIT, EUR), "audit-credit", 1L));
        }
        long seededAt = scalar(db, "select max(global_index) from domain_event_entry");

        // 2. consumption history appended: account 0 gets accountEvents charges, the rest share the remainder
        long began = System.nanoTime();
        int readings0 = options.accountEvents() - 2;                 // + AccountOpened + AccountCredited
        int perOther = Math.max(0, (options.totalEvents() / 2 - readings0) / (options.accounts() - 1));
        long[] charges = new long[options.accounts()];
        try (Connection connection = connect(db)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < options.accounts(); i++) {
                int readings = i == 0 ? readings0 : perOther;
                append(connection, serializer, i, readings, openedReadAt);
                charges[i] = readings;
            }
        }
        long rows = scalar(db, "select count(*) from domain_event_entry");
        out.printf(Locale.ROOT, "store: %,d event rows (%,d appended in %.1f s); account %s has %,d events%n", rows,
                rows - seededAt, (System.nanoTime() - began) / 1e9, account(0),
                scalar(db, "select count(*) from domain_event_entry where aggregate_identifier = '" + account(0) + "'"));
        awaitProjection(db, charges);
        out.printf(Locale.ROOT, "live projection caught up (%.1f s after the append began)%n",
                (System.nanoTime() - began) / 1e9);
        Processors.awaitCaughtUp(context, db, Duration.ofMinutes(15));
        out.printf(Locale.ROOT, "every event processor caught up, search projections included (%.1f s); timing starts%n",
                (System.nanoTime() - began) / 1e9);

        boolean ok = pointInTime(context, db, charges[0]);
        ok &= rebuild(context, db, charges, rows);
        out.println("verification " + (ok ? "OK" : "MISMATCH"));
        return ok;
    }

    private boolean pointInTime(ConfigurableApplicationContext context, PostgresCoordinates db, long charges0)
            throws SQLException {
        AccountReplay replay = context.getBean(AccountReplay.class);
        PointInTimeBalance pointInTime = context.getBean(PointInTimeBalance.class);
        String id = account(0).value();
        Instant at = Instant.now();
        long expected = OPENING_CREDIT - charges0;
        int n = options.iterations();
        long[] replayMicros = new long[n];
        long[] answerMicros = new long[n];
        long[] scanMicros = new long[n];
        AccountReplay.Result last = null;
        PointInTimeBalance.Answer answer = null;
        try (Connection connection = connect(db); PreparedStatement scan = connection.prepareStatement("""
                select sequence_number, time_stamp, payload_type, payload, meta_data from domain_event_entry
                where aggregate_identifier = ? order by sequence_number""")) {
            for (int i = -10; i < n; i++) {
                long t0 = System.nanoTime();
                last = replay.replay(TENANT, id, AccountReplay.Limit.until(at));
                long t1 = System.nanoTime();
                answer = pointInTime.at(TENANT, id, at);
                long t2 = System.nanoTime();
                scan.setString(1, id);
                long bytes = 0;
                try (ResultSet rs = scan.executeQuery()) {
                    while (rs.next()) {
                        bytes += rs.getLong(1) + rs.getString(2).length() + rs.getString(3).length()
                                + rs.getBytes(4).length + rs.getBytes(5).length;
                    }
                }
                long t3 = System.nanoTime();
                if (i >= 0) {
                    replayMicros[i] = (t1 - t0) / 1_000;
                    answerMicros[i] = (t2 - t1) / 1_000;
                    scanMicros[i] = (t3 - t2) / 1_000;
                }
                if (bytes == 0) {
                    throw new IllegalStateException("empty scan");
                }
            }
        }
        out.printf(Locale.ROOT, "%npoint-in-time balance of one account with %,d events (%d runs after 10 untimed)%n",
                last.eventsRead(), n);
        out.println("                                             p50 ms    p99 ms    max ms");
        print("  replay (AccountReplay: two cursors + sum)", replayMicros);
        print("  whole answer (replay + projection side)", answerMicros);
        print("  baseline: plain JDBC scan of the rows", scanMicros);
        Arrays.sort(replayMicros);
        Arrays.sort(scanMicros);
        out.printf(Locale.ROOT, "  ratio replay p50 / scan p50                 %.1f   (target: replay < 50 ms)%n",
                ReadingBenchmark.percentile(replayMicros, .5) / ReadingBenchmark.percentile(scanMicros, .5));
        boolean ok = last.balanceMinor() == expected && last.balanceAfterMismatches() == 0
                && answer.projection() != null && answer.projection().agreesAt();
        out.printf(Locale.ROOT, "  replayed balance %d (expected %d), balanceAfter mismatches %d, projection agrees %s%n",
                last.balanceMinor(), expected, last.balanceAfterMismatches(),
                answer.projection() != null && answer.projection().agreesAt());
        return ok;
    }

    private boolean rebuild(ConfigurableApplicationContext context, PostgresCoordinates db, long[] charges, long rows)
            throws Exception {
        ProjectionRebuilds rebuilds = context.getBean(ProjectionRebuilds.class);
        // baseline 1: every event row read by plain JDBC, as fast as the server hands them out
        double scanRate;
        try (Connection connection = connect(db)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1_000);
                long t0 = System.nanoTime();
                long n = 0;
                try (ResultSet rs = statement.executeQuery("select global_index, aggregate_identifier, sequence_number,"
                        + " time_stamp, payload_type, payload, meta_data from domain_event_entry order by global_index")) {
                    while (rs.next()) {
                        rs.getBytes(6);
                        rs.getBytes(7);
                        n++;
                    }
                }
                scanRate = n / ((System.nanoTime() - t0) / 1e9);
            }
            connection.commit();
        }
        // baseline 2: raw inserts of event rows shaped like this run's, 100 per transaction (Axon's append pattern)
        RawInsertBaseline raw = RawInsertBaseline.prepare(db.jdbcUrl(), db.username(), db.password(), 0);
        RawInsertBaseline.Measurement insert = raw.measure(2, Math.min(rows, 100_000), 100);

        CpuAccount cpu = CpuAccount.start(db);
        PgStatements statements = PgStatements.enabled() ? PgStatements.start(db) : null;
        ProjectionRebuilds.Status started = rebuilds.rebuild("account-projection");
        ProjectionRebuilds.Status status = started;
        long t0 = System.nanoTime();
        List<String> progress = new ArrayList<>();
        long nextReport = t0;
        while (status.state() == ProjectionRebuilds.State.REBUILDING) {
            Thread.sleep(20);
            status = rebuilds.status("account-projection");
            if (System.nanoTime() >= nextReport) {
                progress.add(String.format(Locale.ROOT, "%.0f%% %s ev/s %s s left", status.percent(),
                        status.eventsPerSecond() == null ? "?" : String.format(Locale.ROOT, "%,.0f", status.eventsPerSecond()),
                        status.secondsLeft() == null ? "?" : String.format(Locale.ROOT, "%.1f", status.secondsLeft())));
                nextReport += 1_000_000_000L;
            }
        }
        double observed = (System.nanoTime() - t0) / 1e9;
        long events = status.targetPosition() - status.startPosition();
        cpu.print(out, events, "rebuilt event");
        if (statements != null) {
            statements.print(out, 15, events, "rebuilt event");
        }
        out.printf(Locale.ROOT, "%nrebuild of account-projection: %,d events (global index %d..%d), %s%n", events,
                status.startPosition(), status.targetPosition(), status.state());
        out.println("  progress as the status endpoint reported it, once a second: " + String.join(" | ", progress));
        out.printf(Locale.ROOT, "  rebuild events/s (status endpoint, reset to target)   %,12.0f   (target >= 20,000)%n",
                status.eventsPerSecond());
        out.printf(Locale.ROOT, "  rebuild events/s (this client, until DONE observed)  %,12.0f%n", events / observed);
        out.printf(Locale.ROOT, "  baseline: plain JDBC scan of every event row rows/s   %,12.0f%n", scanRate);
        out.printf(Locale.ROOT, "  baseline: raw insert, 100 rows/tx, 2 threads rows/s   %,12.0f   (mean row %.0f B)%n",
                insert.rowsPerSecond(), raw.meanRowBytes());
        out.printf(Locale.ROOT, "  ratio rebuild / raw insert                            %12.2f%n",
                status.eventsPerSecond() / insert.rowsPerSecond());

        // every account, page by page (the first page also lists accounts missing from the projection)
        Reconciliation reconciliation = context.getBean(Reconciliation.class);
        int checked = 0, ok = 0, drifted = 0, lagging = 0, missing = 0;
        long reconcileMillis = 0;
        String after = null;
        do {
            Reconciliation.Report page = reconciliation.reconcile(TENANT, after, Reconciliation.MAX_PAGE);
            checked += page.accountsChecked();
            ok += page.ok();
            drifted += page.drifted();
            lagging += page.lagging();
            missing += page.missingFromProjection().size();
            reconcileMillis += page.durationMillis();
            after = page.nextAfter();
        } while (after != null);
        long balance0 = scalar(db, "select balance_minor from account_view where account_id = '" + account(0) + "'");
        out.printf(Locale.ROOT, "  after the rebuild: reconciliation of %d accounts: %d ok, %d drifted, %d missing "
                        + "(%d ms); account %s balance %d (expected %d)%n", checked, ok, drifted, missing,
                reconcileMillis, account(0), balance0, OPENING_CREDIT - charges[0]);
        return status.state() == ProjectionRebuilds.State.DONE && drifted == 0 && lagging == 0 && missing == 0
                && checked == options.accounts() && balance0 == OPENING_CREDIT - charges[0];
    }

    /** Appends {@code readings} readings of meter i, each a ReadingRecorded (meter) and a ConsumptionCharged (account). */
    private void append(Connection connection, Serializer serializer, int i, int readings, Instant openedReadAt)
            throws SQLException {
        long meterSequence = nextSequence(connection, meter(i).value());
        long accountSequence = nextSequence(connection, account(i).value());
        SerializedObject<byte[]> metadata = serializer.serialize(MetaData.from(Map.of(MetadataKeys.TENANT,
                TENANT.value(), MetadataKeys.ACTOR, "perf-audit", MetadataKeys.ORIGIN, "system")), byte[].class);
        BigDecimal step = new BigDecimal("0.010");
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            long balance = OPENING_CREDIT;
            Instant now = Instant.now().minus(Duration.ofDays(1));
            for (int k = 1; k <= readings; k++) {
                Instant readAt = openedReadAt.plus(Duration.ofMinutes(k));
                BigDecimal register = step.multiply(BigDecimal.valueOf(k));
                balance -= 1;
                Instant stamp = now.minusMillis(readings - k);
                Instant previousReadAt = readAt.minus(Duration.ofMinutes(1));
                add(insert, serializer, meter(i).value(), meterSequence++, "Meter", stamp,
                        new ReadingRecorded(meter(i), account(i), previousReadAt, readAt, register, step, Map.of(),
                                Map.of()), metadata);
                add(insert, serializer, account(i).value(), accountSequence++, "Account", stamp,
                        new ConsumptionCharged(account(i), meter(i), OpenAccount.privateTariffOf(account(i)),
                                previousReadAt, readAt, step, Map.of(), List.of(), step.multiply(PRICE),
                                new Money(1, EUR), BigDecimal.ZERO.setScale(6), null,
                                LocalDate.ofInstant(readAt, ZoneOffset.UTC).plusDays(1), new Money(balance, EUR)),
                        metadata);
                if (k % 250 == 0 || k == readings) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    private static void add(PreparedStatement insert, Serializer serializer, String aggregate, long sequence,
                            String type, Instant stamp, Object payload, SerializedObject<byte[]> metadata)
            throws SQLException {
        SerializedObject<byte[]> serialized = serializer.serialize(payload, byte[].class);
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregate);
        insert.setLong(3, sequence);
        insert.setString(4, type);
        insert.setString(5, DateTimeUtils.formatInstant(stamp));
        insert.setString(6, serialized.getType().getName());
        insert.setString(7, serialized.getType().getRevision());
        insert.setBytes(8, serialized.getData());
        insert.setBytes(9, metadata.getData());
        insert.addBatch();
    }

    private static long nextSequence(Connection connection, String aggregate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select coalesce(max(sequence_number), -1) + 1 from domain_event_entry where aggregate_identifier = ?")) {
            select.setString(1, aggregate);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void awaitProjection(PostgresCoordinates db, long[] charges) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long expectedLines = 0;
        for (long c : charges) {
            expectedLines += c + 1;
        }
        while (scalar(db, "select count(*) from account_ledger_line where tenant_id = '" + TENANT.value() + "'")
                < expectedLines) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live projection did not catch up within 10 minutes");
            }
            Thread.sleep(100);
        }
    }

    private void print(String label, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "%-45s %8.2f  %8.2f  %8.2f%n", label, ReadingBenchmark.percentile(sorted, .5),
                ReadingBenchmark.percentile(sorted, .99), sorted[sorted.length - 1] / 1000.0);
    }

    private static MeterId meter(int i) {
        return new MeterId("am-" + i);
    }

    private static AccountId account(int i) {
        return new AccountId("aa-" + i);
    }

    private static void send(CommandGateway gateway, Object command) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetadataKeys.TENANT,
                TENANT.value(), MetadataKeys.ACTOR, "perf-audit", MetadataKeys.ORIGIN, "system")));
    }

}
