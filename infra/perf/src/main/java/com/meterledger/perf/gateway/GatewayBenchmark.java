package com.meterledger.perf.gateway;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.RegisterMeter;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.embedded.EmbeddedPostgresServer;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.gateway.meter.mqtt.EmbeddedMqttBroker;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import com.meterledger.perf.CpuAccount;
import com.meterledger.perf.PgStatements;
import com.meterledger.perf.Processors;
import com.meterledger.perf.Sql;
import com.meterledger.perf.readings.RawInsertBaseline;
import com.meterledger.perf.readings.ReadingBenchmark;
import com.meterledger.perf.readings.VisibilityTracker;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.meterledger.perf.Sql.connect;
import static com.meterledger.perf.Sql.scalar;

/**
 * The gateway simulator driving the real application through the real (embedded Moquette) broker: N gateways x M
 * meters, one interval reading per meter per round, batched per gateway, results and commands over MQTT. Measures
 * readings/s accepted and charged, publish -> balance visible (p99), depleting reading -> CUT command on the
 * downlink topic (p99), and the raw insert baseline of the same PostgreSQL in the same run; then checks every
 * account's balance exactly against what the simulated meters consumed and the server accepted.
 * With {@code --faults}, balances are still checked exactly; visibility is not measured then (duplicates and
 * reordering make the charge sequence unpredictable).
 */
public final class GatewayBenchmark {
    static final TenantId TENANT = new TenantId("perf-gw");
    static final PropertyId PROPERTY = new PropertyId("perf-gw-site");
    static final Currency EUR = Currency.getInstance("EUR");
    static final BigDecimal PRICE = new BigDecimal("27.35");
    static final long CREDIT = 1_000_000_000L;
    static final long FIRST_CHARGE_SEQUENCE = 2;

    public record Options(int gateways, int meters, int rounds, int warmup, int window, double rate,
                          SimulatedGateway.Faults faults, long seed, long baselineRows, boolean statements,
                          List<String> applicationProperties) {
        public static final String HELP = """
                options of `gateways`:
                  --gateways N     simulated gateways, one MQTT connection each (default 10)
                  --meters M       meters per gateway; one of them per gateway depletes mid-run (default 50)
                  --rounds R       measured interval readings per meter (default 100): N x M x R readings
                  --warmup W       interval readings per meter before measuring, through the same path (default 10)
                  --window W       unanswered batches a gateway may have in flight (default 4)
                  --rate R         offered load in readings/s over all gateways, paced per round (default: as fast as
                                   the window lets the gateways send); with a rate, latencies show whether the system
                                   keeps up with it
                  --faults SPEC    e.g. duplicate=0.05,reorder=0.05,drop=0.02,offline=0.01,relay=0.2,skew=0.02
                  --seed S         (default 42)
                  --baseline-rows  rows per raw insert measurement (default 20000)
                  --statements     also print PostgreSQL's costliest statements of the measured phase (pg_stat_statements)
                  --set key=value  an application property, e.g. --set meterledger.mqtt.workers=8 (repeatable)
                PostgreSQL runs durable (fsync and synchronous_commit on, the local default) for the app and the
                baseline alike; --set meterledger.postgres.durable=false gives the fsync-off figures to set beside.""";

        static Options parse(String... args) {
            int gateways = 10, meters = 50, rounds = 100, warmup = 10, window = 4;
            double rate = 0;
            long seed = 42, baselineRows = 20_000;
            boolean statements = false;
            SimulatedGateway.Faults faults = SimulatedGateway.Faults.none();
            List<String> properties = new ArrayList<>();
            for (int i = 0; i < args.length; i += 2) {
                if (args[i].equals("--statements")) {
                    statements = true;
                    i--;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value\n" + HELP);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--gateways" -> gateways = Integer.parseInt(value);
                    case "--meters" -> meters = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--window" -> window = Integer.parseInt(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--faults" -> faults = SimulatedGateway.Faults.parse(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--baseline-rows" -> baselineRows = Long.parseLong(value);
                    case "--set" -> properties.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + HELP);
                }
            }
            if (meters < 2 || rounds < 10) {
                throw new IllegalArgumentException("at least 2 meters per gateway and 10 rounds");
            }
            return new Options(gateways, meters, rounds, warmup, window, rate, faults, seed, baselineRows,
                    statements, properties);
        }
    }

    private final Options options;
    private final PrintStream out;
    private long depletingCredit;

    public GatewayBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static boolean main(String[] args) throws Exception {
        return new GatewayBenchmark(Options.parse(args), System.out).run();
    }

    public boolean run() throws Exception {
        Path home = Files.createTempDirectory("meterledger-gw-perf-");
        if (options.statements()) {
            System.setProperty(PgStatements.PROPERTY, "true");
        }
        long started = System.nanoTime();
        List<String> arguments = new ArrayList<>(List.of("--meterledger.postgres.embedded=true",
                "--meterledger.home=" + home.toAbsolutePath(), "--meterledger.reset=true",
                "--meterledger.demo.enabled=false", "--server.port=0", "--spring.jmx.enabled=false",
                "--logging.level.root=WARN", "--logging.level.com.meterledger=WARN",
                "--meterledger.mqtt.embedded-broker.port=0",
                // no friendly window: a depleted account is cut at once
                "--meterledger.supply.default-calendar.night-start=00:00",
                "--meterledger.supply.default-calendar.night-end=00:00",
                "--meterledger.supply.default-calendar.weekends=false"));
        options.applicationProperties().forEach(property -> arguments.add("--" + property));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                Class.forName("com.meterledger.app.MeterLedgerApplication"))
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(arguments.toArray(String[]::new))) {
            out.printf(Locale.ROOT, "MeterLedger gateway benchmark: JDK %s, %d CPUs; application, PostgreSQL and MQTT broker up in %.1f s%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), (System.nanoTime() - started) / 1e9);
            return measure(context);
        }
    }

    private boolean measure(ConfigurableApplicationContext context) throws Exception {
        CommandGateway commands = context.getBean(CommandGateway.class);
        PostgresCoordinates db = context.getBean(EmbeddedPostgresServer.class).coordinates();
        GatewayRegistry gatewayRegistry = context.getBean(GatewayRegistry.class);
        String broker = context.getBean(EmbeddedMqttBroker.class).serverUri();
        // as in the reading benchmark: synchronous_commit on for app and baseline alike, also where fsync is off
        // (meterledger.postgres.durable=false: zonky's synchronous_commit=off overruled, as in the figures before)
        try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
            // the database, not the owner's role: the application's pool logs in as the runtime role
            statement.execute("alter database \"" + Sql.text(db, "select current_database()").replace("\"", "\"\"")
                    + "\" set synchronous_commit = on");
        }
        DataSource dataSource = context.getBean(DataSource.class);
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        }
        if (!options.applicationProperties().isEmpty()) {
            out.println("application properties: " + String.join(", ", options.applicationProperties()));
        }
        String applicationSetting;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             java.sql.ResultSet row = statement.executeQuery("show synchronous_commit")) {
            row.next();
            applicationSetting = row.getString(1);
        }
        out.println("PostgreSQL " + Sql.text(db, "show server_version") + ": fsync=" + Sql.text(db, "show fsync")
                + ", synchronous_commit=" + applicationSetting + " (application's pool) / "
                + Sql.text(db, "show synchronous_commit") + " (raw baseline)");
        Duration interval = Duration.ofMinutes(15);
        int warmup = options.warmup();
        int allRounds = warmup + options.rounds();
        Instant opening = Instant.now().minus(interval.multipliedBy(allRounds + 2L)).truncatedTo(ChronoUnit.MINUTES);
        int depleteAt = warmup + options.rounds() / 2;        // the depleting meters' register after this many readings
        depletingCredit = BigDecimal.valueOf(depleteAt).multiply(PRICE).setScale(0, RoundingMode.FLOOR).longValueExact() - 1;

        long seedStart = System.nanoTime();
        context.getBean(Registry.class).addProperty(TENANT, PROPERTY, "Gateway benchmark site", "1 Load Street");
        List<SimulatedGateway.Meter> all = new ArrayList<>();
        List<List<SimulatedGateway.Meter>> perGateway = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed());
        for (int g = 0; g < options.gateways(); g++) {
            String gatewayId = String.format("gw-%03d", g);
            secrets.add(gatewayRegistry.register(TENANT, gatewayId, PROPERTY.value(), "DTU " + g));
            List<SimulatedGateway.Meter> meters = new ArrayList<>();
            for (int m = 0; m < options.meters(); m++) {
                boolean depleting = m == 0;
                String meterId = String.format("gm-%03d-%04d", g, m);
                SimulatedGateway.Meter meter = new SimulatedGateway.Meter(meterId, String.format("ga-%03d-%04d", g, m),
                        depleting, 0.05 + 0.25 * random.nextDouble());
                UnitId unit = new UnitId("gu-" + g + "-" + m);
                context.getBean(Registry.class).addUnit(TENANT, PROPERTY, unit, "Unit " + g + "/" + m);
                send(commands, new RegisterMeter(new MeterId(meterId), unit, Utility.ELECTRICITY, "SIM-" + meterId));
                AccountId account = new AccountId(meter.accountId);
                send(commands, new OpenAccount(account, unit, new MeterId(meterId), EUR,
                        OpenAccount.privateTariffOf(account), new FlatTariff(PRICE), opening, BigDecimal.ZERO, Map.of()));
                send(commands, new RecordTopUp(new AccountId(meter.accountId),
                        new Money(depleting ? depletingCredit : CREDIT, EUR), "opening-credit", 1L));
                gatewayRegistry.attach(TENANT, gatewayId, meterId, meterId);
                meters.add(meter);
                all.add(meter);
            }
            perGateway.add(meters);
        }
        out.printf(Locale.ROOT, "seeded %d gateways x %d meters (one depleting meter per gateway) in %.1f s%n",
                options.gateways(), options.meters(), (System.nanoTime() - seedStart) / 1e9);

        boolean measureVisibility = !options.faults().any();
        List<SimulatedGateway.Meter> tracked = all.stream().filter(m -> !m.depleting).toList();
        Map<String, Integer> trackedIndex = new ConcurrentHashMap<>();
        for (int i = 0; i < tracked.size(); i++) {
            trackedIndex.put(tracked.get(i).meterId, i);
        }
        VisibilityTracker.Phase phase = new VisibilityTracker.Phase(tracked.size() * options.rounds());
        long globalIndexBefore;
        Map<String, Integer> topUpsSent = new ConcurrentHashMap<>();
        ExecutorService topUps = Executors.newSingleThreadExecutor(named("perf-top-ups"));
        try (VisibilityTracker tracker = new VisibilityTracker(connect(db), TENANT.value(),
                tracked.stream().map(m -> m.accountId).toList(), 5_000)) {
            awaitSeeded(db, all.size());
            globalIndexBefore = scalar(db, "select coalesce(max(global_index), 0) from domain_event_entry");
            SimulatedGateway.Listener listener = new SimulatedGateway.Listener() {
                @Override
                public void published(SimulatedGateway.Meter meter, int round, long nanos) {
                    if (meter.depleting) {
                        if (round + 1 == depleteAt) {
                            meter.publishedDepletingAt = nanos;
                        }
                    } else if (measureVisibility && round >= warmup) {
                        tracker.accepted(meter.accountId, FIRST_CHARGE_SEQUENCE + round, nanos, phase,
                                trackedIndex.get(meter.meterId) * options.rounds() + round - warmup);
                    }
                }

                @Override
                public void commandArrived(SimulatedGateway.Meter meter, String action, long nanos) {
                    if (action.equals("CUT") && meter.cutArrivedAt < 0) {
                        meter.cutArrivedAt = nanos;
                        // the occupant pays: a top-up above the reconnect level, which must bring a RESTORE down
                        topUps.execute(() -> {
                            meter.topUpAt = System.nanoTime();
                            topUpsSent.merge(meter.accountId, 1, Integer::sum);
                            send(commands, new RecordTopUp(new AccountId(meter.accountId), new Money(CREDIT, EUR),
                                    "top-up-" + meter.accountId, 2L));
                        });
                    } else if (action.equals("RESTORE") && meter.restoreArrivedAt < 0) {
                        meter.restoreArrivedAt = nanos;
                    }
                }
            };
            List<SimulatedGateway> gateways = new ArrayList<>();
            for (int g = 0; g < options.gateways(); g++) {
                SimulatedGateway gateway = new SimulatedGateway(broker, TENANT.value(), String.format("gw-%03d", g),
                        secrets.get(g), perGateway.get(g), options.faults(), options.seed() + g, options.window(),
                        Duration.ofSeconds(options.faults().any() ? 3 : 60), listener);
                gateway.connect();
                gateways.add(gateway);
            }
            ExecutorService pool = Executors.newFixedThreadPool(gateways.size(), named("perf-simulator"));
            if (warmup > 0) {
                long warming = System.nanoTime();
                runRounds(pool, gateways, 0, warmup, opening, interval, 0);
                Processors.awaitCaughtUp(context, db, Duration.ofMinutes(10));
                out.printf(Locale.ROOT, "warm-up: %d readings through the same path, every processor caught up, in %.1f s%n",
                        (long) options.gateways() * options.meters() * warmup, (System.nanoTime() - warming) / 1e9);
            }
            long acceptedInWarmup = gateways.stream().mapToLong(g -> g.itemsAccepted.get()).sum();
            CpuAccount cpu = CpuAccount.start(db, GatewayBenchmark::loadGenerator, Set.of(tracker.backendPid()));
            PgStatements statements = PgStatements.enabled() ? PgStatements.start(db) : null;
            long began = System.nanoTime();
            runRounds(pool, gateways, warmup, allRounds, opening, interval, options.rate());
            long answered = System.nanoTime();
            pool.shutdown();
            if (measureVisibility && !tracker.await(phase, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("balances not visible after 120 s");
            }
            double caughtUp = (Processors.awaitCaughtUp(context, db, Duration.ofMinutes(10)) - began) / 1e9;
            cpu.print(out, (long) options.gateways() * options.meters() * options.rounds(), "reading");
            if (statements != null) {
                statements.print(out, 25, (long) options.gateways() * options.meters() * options.rounds(), "reading");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (all.stream().anyMatch(m -> m.depleting && m.restoreArrivedAt < 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double seconds = (answered - began) / 1e9;
            long acceptedInAll = gateways.stream().mapToLong(g -> g.itemsAccepted.get()).sum();
            long accepted = acceptedInAll - acceptedInWarmup;
            long readings = (long) options.gateways() * options.meters() * options.rounds();

            RawInsertBaseline raw = RawInsertBaseline.prepare(db.jdbcUrl(), db.username(), db.password(), globalIndexBefore);
            double rawRows = raw.measure(4, options.baselineRows(), 1).rowsPerSecond();
            double rawBatched = raw.measure(4, options.baselineRows(), 100).rowsPerSecond();

            long[] visible = measureVisibility ? micros(phase.latencyNanos) : new long[0];
            long[] cuts = micros(all.stream().filter(m -> m.depleting && m.cutArrivedAt > 0 && m.publishedDepletingAt > 0)
                    .mapToLong(m -> m.cutArrivedAt - m.publishedDepletingAt).toArray());
            long[] restores = micros(all.stream().filter(m -> m.depleting && m.restoreArrivedAt > 0 && m.topUpAt > 0)
                    .mapToLong(m -> m.restoreArrivedAt - m.topUpAt).toArray());
            double rate = accepted / seconds;

            out.println();
            out.printf(Locale.ROOT, "setup: %d gateways x %d meters x %d rounds = %d readings, batches of %d, window %d, offered %s, faults %s%n",
                    options.gateways(), options.meters(), options.rounds(), readings, options.meters(), options.window(),
                    options.rate() > 0 ? String.format(Locale.ROOT, "%.0f readings/s", options.rate()) : "as fast as accepted",
                    options.faults().any() ? options.faults() : "none");
            out.println("path: Paho gateway -> Moquette (in-JVM) -> app MQTT client (QoS 1, ack after commit) -> RecordReadings per message (one transaction per <= 500 readings)");
            out.printf(Locale.ROOT, "  readings/s accepted and charged, sustained  %10.1f   (%d accepted in %.2f s)%n", rate, accepted, seconds);
            out.printf(Locale.ROOT, "  readings/s until every event processor caught up %5.1f   (%.2f s)%n", readings / caughtUp, caughtUp);
            if (measureVisibility) {
                out.printf(Locale.ROOT, "  publish -> balance visible  p50/p99/max    %s ms%n", percentiles(visible));
            }
            out.printf(Locale.ROOT, "  depleting reading published -> CUT on the downlink topic  p50/p99/max  %s ms  (%d meters)%n",
                    percentiles(cuts), cuts.length);
            out.printf(Locale.ROOT, "  top-up -> RESTORE on the downlink topic      p50/p99/max  %s ms  (%d meters)%n",
                    percentiles(restores), restores.length);
            long leftOff = all.stream().filter(m -> m.depleting && m.topUpAt > 0 && !m.supplyOn).count();
            out.printf(Locale.ROOT, "  depleting meters whose supply is off after their top-up: %d%s%n", leftOff,
                    options.faults().relay() > 0 ? " (a command whose every attempt failed is abandoned with an alert)" : "");
            out.printf(Locale.ROOT, "raw PostgreSQL baseline, same server, same run (4 threads, copies of this run's event rows, %.0f B):%n",
                    raw.meanRowBytes());
            out.printf(Locale.ROOT, "  1 row per transaction     %10.1f rows/s   ratio readings/s / raw rows/s      %.3f%n", rawRows, rate / rawRows);
            out.printf(Locale.ROOT, "  100 rows per transaction  %10.1f rows/s   ratio readings/s / raw rows/s      %.3f%n", rawBatched, rate / rawBatched);
            long resent = gateways.stream().mapToLong(g -> g.resent.get()).sum();
            out.printf(Locale.ROOT, "simulator, warm-up included: %d batches sent (%d re-sent), items accepted %d / duplicate %d / rejected %d, messages rejected %d%n",
                    gateways.stream().mapToLong(g -> g.batchesSent.get()).sum(), resent, acceptedInAll,
                    gateways.stream().mapToLong(g -> g.itemsDuplicate.get()).sum(),
                    gateways.stream().mapToLong(g -> g.itemsRejected.get()).sum(),
                    gateways.stream().mapToLong(g -> g.messagesRejected.get()).sum());
            if (options.faults().any()) {
                out.printf(Locale.ROOT, "faults injected: duplicates %d, reordered %d, dropped %d, offline periods %d, clock skew %d, relay failures %d%n",
                        sum(gateways, g -> g.duplicatesSent.get()), sum(gateways, g -> g.reordered.get()),
                        sum(gateways, g -> g.dropped.get()), sum(gateways, g -> g.offlinePeriods.get()),
                        sum(gateways, g -> g.skewed.get()), sum(gateways, g -> g.relayFailures.get()));
            }
            gateways.forEach(SimulatedGateway::close);
            topUps.shutdown();
            topUps.awaitTermination(30, TimeUnit.SECONDS);
            long duplicates = gateways.stream().mapToLong(g -> g.itemsDuplicate.get()).sum();
            return verify(db, all, acceptedInAll + duplicates, topUpsSent, options.faults().relay() > 0 ? 0 : leftOff);
        }
    }

    /**
     * Exact totals: every account's balance = credits - floor(highest accepted register x price) (charges carry their
     * remainders), and the ReadingRecorded events in the store = the readings the server took: each batch is counted
     * once, by the first result that reaches the gateway, so a batch that was sent again because its first result was
     * lost counts its readings as DUPLICATE although they were recorded, once, by the first delivery. Without relay
     * faults no depleting meter may be left off after its top-up ({@code unexplainedOff}).
     */
    private boolean verify(PostgresCoordinates db, List<SimulatedGateway.Meter> meters, long taken,
                           Map<String, Integer> topUps, long unexplainedOff) throws Exception {
        Thread.sleep(500);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> mismatched;
        do {
            mismatched = new ArrayList<>();
            try (Connection connection = connect(db);
                 var select = connection.prepareStatement("select balance_minor from account_view where account_id = ?")) {
                for (SimulatedGateway.Meter meter : meters) {
                    long credit = (meter.depleting ? depletingCredit : CREDIT)
                            + (long) topUps.getOrDefault(meter.accountId, 0) * CREDIT;
                    long expected = credit - meter.acceptedRegister.multiply(PRICE).setScale(0, RoundingMode.FLOOR).longValueExact();
                    select.setString(1, meter.accountId);
                    try (ResultSet row = select.executeQuery()) {
                        long actual = row.next() ? row.getLong(1) : Long.MIN_VALUE;
                        if (actual != expected) {
                            mismatched.add(meter.accountId + ": " + actual + " expected " + expected);
                        }
                    }
                }
            }
            if (!mismatched.isEmpty()) {
                Thread.sleep(200);
            }
        } while (!mismatched.isEmpty() && System.nanoTime() < deadline);
        long recorded = scalar(db, "select count(*) from domain_event_entry where payload_type = '"
                + com.meterledger.api.meter.ReadingRecorded.class.getName() + "'");
        long deadLetters = scalar(db, "select count(*) from dead_letter_entry");
        boolean ok = mismatched.isEmpty() && recorded == taken && deadLetters == 0 && unexplainedOff == 0;
        out.printf(Locale.ROOT, "verification: %d accounts, %d balance mismatches, ReadingRecorded %d = accepted + duplicate %d: %s, dead letters %d, supply off after a top-up without relay faults %d -> %s%n",
                meters.size(), mismatched.size(), recorded, taken, recorded == taken, deadLetters, unexplainedOff,
                ok ? "OK" : "FAILED");
        mismatched.stream().limit(5).forEach(line -> out.println("  " + line));
        return ok;
    }

    /** The simulator, its Paho clients ("MQTT Snd: sim-gw-0", ...), the top-ups and the visibility poller. */
    static boolean loadGenerator(String threadName) {
        return threadName.startsWith("perf-") || threadName.contains(": sim-");
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> new Thread(task, prefix + "-" + count.incrementAndGet());
    }

    /**
     * Rounds {@code from} (inclusive) to {@code to} of every gateway, each gateway on its own thread, answered. With a
     * {@code rate} (readings/s over all gateways) each gateway starts its rounds on a schedule, the gateways spread
     * evenly over one period; a gateway held back by its window sends late rounds as soon as it can.
     */
    private static void runRounds(ExecutorService pool, List<SimulatedGateway> gateways, int from, int to,
                                  Instant opening, Duration interval, double rate) throws Exception {
        List<Future<?>> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (int g = 0; g < gateways.size(); g++) {
            SimulatedGateway gateway = gateways.get(g);
            long period = rate > 0 ? (long) (1e9 * gateway.meters.size() * gateways.size() / rate) : 0;
            long offset = period * g / gateways.size();
            runs.add(pool.submit(() -> {
                for (int r = from; r < to; r++) {
                    long due = start + offset + period * (r - from);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    gateway.round(r, opening.plus(interval.multipliedBy(r + 1L)), interval);
                }
                gateway.drain(Duration.ofMinutes(5));
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
    }

    private static long sum(List<SimulatedGateway> gateways, java.util.function.ToLongFunction<SimulatedGateway> f) {
        return gateways.stream().mapToLong(f).sum();
    }

    private static long[] micros(long[] nanos) {
        return Arrays.stream(nanos).filter(n -> n >= 0).map(n -> n / 1_000).sorted().toArray();
    }

    private static String percentiles(long[] sortedMicros) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", ReadingBenchmark.percentile(sortedMicros, 0.50),
                ReadingBenchmark.percentile(sortedMicros, 0.99),
                sortedMicros.length == 0 ? Double.NaN : sortedMicros[sortedMicros.length - 1] / 1000.0);
    }

    private static void send(CommandGateway gateway, Object command) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                MetadataKeys.TENANT, TENANT.value(), MetadataKeys.ACTOR, "perf-gateway-benchmark",
                MetadataKeys.ORIGIN, "system")));
    }

    private static void awaitSeeded(PostgresCoordinates db, int accounts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (scalar(db, "select count(*) from account_view where tenant_id = '" + TENANT.value() + "' and last_sequence >= 1") < accounts) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("seeded accounts not projected within 120 s");
            }
            Thread.sleep(50);
        }
    }

}
