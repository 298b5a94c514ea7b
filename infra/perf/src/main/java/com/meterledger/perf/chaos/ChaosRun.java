package com.meterledger.perf.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.embedded.EmbeddedSearchNode;
import com.meterledger.perf.gateway.SimulatedGateway;
import com.meterledger.perf.twonodes.AppNode;
import com.meterledger.perf.twonodes.Postgres15;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The chaos benchmark (issue 19, item 6): the gateway simulator with faults on drives one application node in its own
 * JVM on Debian's PostgreSQL 15; mid-run the node is killed with {@code kill -9} and started again on the same HTTP
 * port, database and home. The MQTT broker (Moquette, in this JVM) outlives the node, so the gateways keep their
 * sessions and the node's persistent session (a fixed client id) keeps what was published while it was dead; batches
 * whose result never came are sent again by the gateways (a batch the dead node had already committed is answered
 * DUPLICATE). A depleting meter per gateway is cut mid-run; its occupant then tops up over REST (sent again until a
 * node answers), which must bring the supply back.
 * <p>
 * Verified after the restart, once the projections caught up: every reading a gateway had taken (ACCEPTED or
 * DUPLICATE) is stored exactly once per meter (nothing lost, nothing doubled); every balance equals credits -
 * floor(accepted register x price); the auditor's point-in-time replay equals the projection for every account (no
 * drift); no dead letters; and every meter whose account is not depleted has supply on confirmed or a RESTORE pending
 * (convergence, with the reconciler's interval shortened so that a command lost with the node is re-issued in the
 * run's time).
 */
public final class ChaosRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal PRICE = new BigDecimal("27.35");
    /** ordinary meters' credit; also the depleted occupant's top-up */
    private static final long CREDIT = 100_000_000L;
    private static final String MQTT_APP_PASSWORD = "chaos-app";

    public record Options(int gateways, int meters, int rounds, int killAt, SimulatedGateway.Faults faults, long seed,
                          int window, Path postgresBin, Path home) {
        public static final String HELP = """
                options of `chaos`:
                  --gateways N     simulated gateways, one MQTT connection each (default 4)
                  --meters M       meters per gateway, one of them depleting (default 10)
                  --rounds R       interval readings per meter (default 60)
                  --kill-at K      kill -9 of the node once every gateway has sent round K (default R/2)
                  --faults SPEC    default duplicate=0.05,reorder=0.05,drop=0.02,offline=0.01,relay=0.2,skew=0.02
                  --window W       unanswered batches a gateway may have in flight (default 4)
                  --seed S         (default 42)
                  --postgres-bin   Debian's PostgreSQL 15 binaries (default /usr/lib/postgresql/15/bin)
                  --home DIR       (default: a temporary folder, deleted at the end)""";

        public static Options parse(String... args) {
            int gateways = 4, meters = 10, rounds = 60, killAt = -1, window = 4;
            long seed = 42;
            SimulatedGateway.Faults faults = SimulatedGateway.Faults.parse(
                    "duplicate=0.05,reorder=0.05,drop=0.02,offline=0.01,relay=0.2,skew=0.02");
            Path bin = Path.of("/usr/lib/postgresql/15/bin");
            Path home = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value\n" + HELP);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--gateways" -> gateways = Integer.parseInt(value);
                    case "--meters" -> meters = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--kill-at" -> killAt = Integer.parseInt(value);
                    case "--faults" -> faults = SimulatedGateway.Faults.parse(value);
                    case "--window" -> window = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--postgres-bin" -> bin = Path.of(value);
                    case "--home" -> home = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + HELP);
                }
            }
            if (meters < 2 || rounds < 4) {
                throw new IllegalArgumentException("at least 2 meters per gateway and 4 rounds");
            }
            killAt = killAt < 0 ? rounds / 2 : Math.min(killAt, rounds - 1);
            return new Options(gateways, meters, rounds, killAt, faults, seed, window, bin, home);
        }
    }

    /** The figures a run ends with; {@link #verified()} is what the exit code says. */
    public record Result(int meters, long readingsTaken, long readingsStored, long lost, long doubled,
                         int balanceMismatches, int drifted, long deadLetters, int notConverged, double outageSeconds,
                         long resent) {
        public boolean verified() {
            return lost == 0 && doubled == 0 && balanceMismatches == 0 && drifted == 0 && deadLetters == 0
                    && notConverged == 0 && readingsTaken > 0;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String tenantTag = Long.toString(System.currentTimeMillis() % 100_000, 36);
    private volatile AppNode node;
    private volatile String token;
    private long depletingCredit;

    public ChaosRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Result run() throws Exception {
        boolean temporary = options.home() == null;
        Path home = temporary ? Files.createTempDirectory("meterledger-chaos-") : options.home();
        out.printf(Locale.ROOT, "MeterLedger chaos run: %s, JDK %s, %d CPUs%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        // the broker logs every packet at INFO: the run's own lines would drown
        if (org.slf4j.LoggerFactory.getLogger("io.moquette") instanceof ch.qos.logback.classic.Logger moquette) {
            moquette.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Server broker = new Server();
        int brokerPort = Postgres15.freePort();
        try (Postgres15 postgres = Postgres15.start(options.postgresBin(), home.resolve("postgres"));
             EmbeddedSearchNode search = EmbeddedSearchNode.start(home.resolve("search"), true)) {
            broker.startServer(brokerConfig(brokerPort));
            out.printf("PostgreSQL %s (Debian, fsync on); MQTT broker (Moquette) in this JVM on port %d: it outlives "
                    + "the node%n", postgres.version(), brokerPort);
            return withNode(postgres, search.uri(), home, "tcp://127.0.0.1:" + brokerPort);
        } finally {
            broker.stopServer();
            if (temporary) {
                deleteQuietly(home);
            }
        }
    }

    /**
     * A broker without authentication, standing for the deployment's broker (mosquitto in {@code infra/deploy}); the
     * application's embedded broker, which checks gateway secrets against the registry, dies with the node.
     */
    private static MemoryConfig brokerConfig(int port) {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("immediate_buffer_flush", "true");
        properties.setProperty("session_queue_size", "4096");
        return new MemoryConfig(properties);
    }

    private Result withNode(Postgres15 postgres, String searchUri, Path home, String brokerUri) throws Exception {
        List<String> settings = List.of(
                "--meterledger.mqtt.embedded-broker.enabled=false",
                "--meterledger.mqtt.url=" + brokerUri,
                "--meterledger.mqtt.password=" + MQTT_APP_PASSWORD,
                // one session across the restart: what was published while the node was dead waits in the broker
                "--meterledger.mqtt.client-id=chaos-node",
                // no friendly window: a depleted account is cut at once
                "--meterledger.supply.default-calendar.night-start=00:00",
                "--meterledger.supply.default-calendar.night-end=00:00",
                "--meterledger.supply.default-calendar.weekends=false",
                "--meterledger.supply.reconcile-interval=5s");
        node = AppNode.start(1, postgres, searchUri, home, true, settings);
        SimulatedGateway.Listener listener = null;
        ExecutorService topUps = Executors.newSingleThreadExecutor();
        List<SimulatedGateway> gateways = new ArrayList<>();
        try {
            out.printf(Locale.ROOT, "node UP in %.1f s (port %d)%n",
                    node.awaitUp(http, Duration.ofMinutes(5)).toMillis() / 1000.0, node.port);
            token = node.token(http);
            Duration interval = Duration.ofMinutes(15);
            Instant opening = Instant.now().minus(interval.multipliedBy(options.rounds() + 2L))
                    .truncatedTo(ChronoUnit.MINUTES);
            int depleteAt = options.rounds() / 2 + 1;
            depletingCredit = BigDecimal.valueOf(depleteAt).multiply(PRICE).setScale(0, RoundingMode.FLOOR)
                    .longValueExact() - 1;
            long seeding = System.nanoTime();
            List<SimulatedGateway.Meter> all = new ArrayList<>();
            List<List<SimulatedGateway.Meter>> perGateway = new ArrayList<>();
            List<String> secrets = new ArrayList<>();
            seed(opening, all, perGateway, secrets);
            awaitProjected(postgres, all);
            out.printf(Locale.ROOT, "seeded %d gateways x %d meters (one depleting per gateway) over REST in %.1f s%n",
                    options.gateways(), options.meters(), (System.nanoTime() - seeding) / 1e9);

            ConcurrentHashMap<String, Boolean> toppedUp = new ConcurrentHashMap<>();
            listener = new SimulatedGateway.Listener() {
                @Override
                public void published(SimulatedGateway.Meter meter, int round, long nanos) {
                }

                @Override
                public void commandArrived(SimulatedGateway.Meter meter, String action, long nanos) {
                    if (action.equals("CUT") && toppedUp.putIfAbsent(meter.accountId, true) == null) {
                        topUps.execute(() -> topUp(meter.accountId));
                    }
                }
            };
            String tenant = tenantOf(postgres);
            for (int g = 0; g < options.gateways(); g++) {
                SimulatedGateway gateway = new SimulatedGateway(brokerUri, tenant, gatewayId(g), secrets.get(g),
                        perGateway.get(g), options.faults(), options.seed() + g, options.window(),
                        Duration.ofSeconds(3), listener);
                gateway.connect();
                gateways.add(gateway);
            }

            CountDownLatch atKill = new CountDownLatch(gateways.size());
            ExecutorService pool = Executors.newFixedThreadPool(gateways.size());
            List<Future<?>> runs = new ArrayList<>();
            long began = System.nanoTime();
            for (SimulatedGateway gateway : gateways) {
                runs.add(pool.submit(() -> {
                    for (int r = 0; r < options.rounds(); r++) {
                        gateway.round(r, opening.plus(interval.multipliedBy(r + 1L)), interval);
                        if (r == options.killAt()) {
                            atKill.countDown();
                        }
                    }
                    gateway.drain(Duration.ofMinutes(5));
                    return null;
                }));
            }
            atKill.await();
            AppNode killed = node;
            killed.killHard();
            long killedAt = System.nanoTime();
            out.printf("kill -9 of the node (pid %d) once every gateway had sent round %d of %d%n", killed.pid(),
                    options.killAt(), options.rounds());
            while (killed.alive()) {
                Thread.sleep(10);
            }
            node = AppNode.start(1, killed.port, postgres, searchUri, home, false, settings);
            node.awaitUp(http, Duration.ofMinutes(5));
            double outage = (System.nanoTime() - killedAt) / 1e9;
            token = node.token(http);
            out.printf(Locale.ROOT, "node started again on port %d, same database and home: UP %.1f s after the kill%n",
                    node.port, outage);
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();
            out.printf(Locale.ROOT, "every batch answered %.1f s after the first round%n", (System.nanoTime() - began) / 1e9);
            topUps.shutdown();
            topUps.awaitTermination(2, TimeUnit.MINUTES);
            return verify(postgres, gateways, all, toppedUp.keySet(), outage);
        } finally {
            gateways.forEach(SimulatedGateway::close);
            topUps.shutdownNow();
            node.stop();
        }
    }

    private static String gatewayId(int g) {
        return String.format("cg-%03d", g);
    }

    private void seed(Instant opening, List<SimulatedGateway.Meter> all,
                      List<List<SimulatedGateway.Meter>> perGateway, List<String> secrets) throws Exception {
        String property = "p-chaos-" + tenantTag;
        expect(post("/api/properties", """
                {"propertyId":"%s","name":"Chaos Court"}""".formatted(property)), 201);
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int g = 0; g < options.gateways(); g++) {
            HttpResponse<String> registered = expect(post("/api/gateways", """
                    {"gatewayId":"%s","propertyId":"%s","name":"DTU %d"}""".formatted(gatewayId(g), property, g)), 201);
            secrets.add(JSON.readTree(registered.body()).path("secret").asText());
            List<SimulatedGateway.Meter> meters = new ArrayList<>();
            for (int m = 0; m < options.meters(); m++) {
                String id = "%s-%03d-%03d".formatted(tenantTag, g, m);
                boolean depleting = m == 0;
                SimulatedGateway.Meter meter = new SimulatedGateway.Meter("cm-" + id, "ca-" + id, depleting,
                        0.05 + 0.25 * random.nextDouble());
                expect(post("/api/properties/%s/units".formatted(property), """
                        {"unitId":"cu-%s","name":"Flat %d/%d"}""".formatted(id, g, m)), 201);
                expect(post("/api/meters", """
                        {"meterId":"%s","unitId":"cu-%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                        .formatted(meter.meterId, id, id)), 201);
                expect(post("/api/accounts", """
                        {"accountId":"%s","unitId":"cu-%s","meterId":"%s","currency":"CNY","pricePerUnitMinor":"%s",
                         "openingReadAt":"%s","openingRegister":"0"}""".formatted(meter.accountId, id, meter.meterId,
                        PRICE.toPlainString(), opening)), 201);
                expect(post("/api/accounts/%s/top-ups".formatted(meter.accountId), """
                        {"amountMinor":%d,"currency":"CNY","reference":"opening-%s"}"""
                        .formatted(depleting ? depletingCredit : CREDIT, id)), 201);
                expect(send("PUT", "/api/gateways/%s/meters/%s".formatted(gatewayId(g), meter.meterId), null), 204);
                meters.add(meter);
                all.add(meter);
            }
            perGateway.add(meters);
        }
    }

    /** The occupant of a cut meter pays: sent again, unchanged (same reference), until a node answers. */
    private void topUp(String accountId) {
        String body = """
                {"amountMinor":%d,"currency":"CNY","reference":"top-up-%s"}""".formatted(CREDIT, accountId);
        for (int attempt = 0; attempt < 600; attempt++) {
            try {
                HttpResponse<String> answer = post("/api/accounts/%s/top-ups".formatted(accountId), body);
                if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                    return;
                }
                if (answer.statusCode() != 401) {
                    out.printf("top-up of %s: %d %s%n", accountId, answer.statusCode(), answer.body());
                }
            } catch (IOException | InterruptedException nodeDown) {
                // the node is dead or starting: the occupant tries again
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.printf("top-up of %s never answered%n", accountId);
    }

    private Result verify(Postgres15 postgres, List<SimulatedGateway> gateways, List<SimulatedGateway.Meter> all,
                          java.util.Set<String> toppedUp, double outage) throws Exception {
        // caught up, as far as the verification can tell: balances exact and supply converged, or two minutes
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<String> mismatches;
        List<String> unconverged;
        do {
            mismatches = balanceMismatches(postgres, all, toppedUp);
            unconverged = unconverged(postgres, all);
            if (mismatches.isEmpty() && unconverged.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);

        long taken = 0, stored = 0, lost = 0, doubled = 0;
        try (Connection connection = postgres.superuser();
             PreparedStatement count = connection.prepareStatement("""
                     select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type = ?""")) {
            for (SimulatedGateway.Meter meter : all) {
                count.setString(1, meter.meterId);
                count.setString(2, "com.meterledger.api.meter.ReadingRecorded");
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    long here = row.getLong(1);
                    int took = meter.taken.get();
                    taken += took;
                    stored += here;
                    lost += Math.max(0, took - here);
                    doubled += Math.max(0, here - took);
                }
            }
        }
        int drifted = 0;
        for (SimulatedGateway.Meter meter : all) {
            JsonNode answer = JSON.readTree(get("/api/audit/accounts/%s/balance?at=%s".formatted(meter.accountId,
                    Instant.now())).body());
            long replay = answer.path("balanceMinor").asLong(Long.MIN_VALUE);
            long projected = answer.path("projection").path("currentBalanceMinor").asLong(Long.MAX_VALUE);
            if (replay != projected) {
                drifted++;
                out.printf("  drift on %s: replay %d, projection %d%n", meter.accountId, replay, projected);
            }
        }
        long deadLetters;
        try (Connection connection = postgres.superuser();
             ResultSet row = connection.createStatement().executeQuery("select count(*) from dead_letter_entry")) {
            row.next();
            deadLetters = row.getLong(1);
        }
        long rejected = sum(gateways, g -> g.itemsRejected.get());
        long resent = sum(gateways, g -> g.resent.get());
        out.println();
        out.printf(Locale.ROOT, "setup: %d gateways x %d meters x %d rounds = %d readings; kill -9 after round %d; "
                        + "faults %s%n", options.gateways(), options.meters(), options.rounds(),
                (long) options.gateways() * options.meters() * options.rounds(), options.killAt(), options.faults());
        out.printf(Locale.ROOT, "outage (kill -9 -> node UP again): %.1f s%n", outage);
        out.printf("simulator: %d batches sent (%d re-sent without a result), items accepted %d / duplicate %d / "
                        + "rejected %d, messages rejected %d%n", sum(gateways, g -> g.batchesSent.get()), resent,
                sum(gateways, g -> g.itemsAccepted.get()), sum(gateways, g -> g.itemsDuplicate.get()), rejected,
                sum(gateways, g -> g.messagesRejected.get()));
        java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
        gateways.forEach(g -> g.rejectedBy.forEach((reason, n) -> reasons.merge(reason, n.get(), Long::sum)));
        out.printf("rejected items by reason: %s%n", reasons);
        out.printf("faults injected: duplicates %d, reordered %d, dropped %d, offline periods %d, clock skew %d, "
                        + "relay failures %d%n", sum(gateways, g -> g.duplicatesSent.get()),
                sum(gateways, g -> g.reordered.get()), sum(gateways, g -> g.dropped.get()),
                sum(gateways, g -> g.offlinePeriods.get()), sum(gateways, g -> g.skewed.get()),
                sum(gateways, g -> g.relayFailures.get()));
        out.printf("readings taken by the server %d, ReadingRecorded stored %d: lost %d, doubled %d%n", taken, stored,
                lost, doubled);
        out.printf("balances = credits - floor(accepted register x price): %d of %d differ%n", mismatches.size(),
                all.size());
        mismatches.stream().limit(5).forEach(line -> out.println("  " + line));
        out.printf("drift (audit replay != projection): %d of %d accounts%n", drifted, all.size());
        out.printf("dead letters: %d%n", deadLetters);
        out.printf("supply not converged (account not depleted, supply neither ON confirmed nor RESTORE pending): "
                + "%d of %d meters; depleting meters topped up: %d%n", unconverged.size(), all.size(), toppedUp.size());
        unconverged.stream().limit(5).forEach(line -> out.println("  " + line));
        out.printf("ERROR lines in the node's log (both lives): %d%n", node.errorLines());
        Result result = new Result(all.size(), taken, stored, lost, doubled, mismatches.size(), drifted, deadLetters,
                unconverged.size(), outage, resent);
        out.println(result.verified() ? "chaos verification -> OK" : "chaos verification -> FAILED");
        return result;
    }

    private List<String> balanceMismatches(Postgres15 postgres, List<SimulatedGateway.Meter> all,
                                           java.util.Set<String> toppedUp) throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (Connection connection = postgres.superuser();
             PreparedStatement select = connection.prepareStatement(
                     "select balance_minor from account_view where account_id = ?")) {
            for (SimulatedGateway.Meter meter : all) {
                long credit = (meter.depleting ? depletingCredit : CREDIT)
                        + (toppedUp.contains(meter.accountId) ? CREDIT : 0);
                long expected = credit - meter.acceptedRegister.multiply(PRICE).setScale(0, RoundingMode.FLOOR)
                        .longValueExact();
                select.setString(1, meter.accountId);
                try (ResultSet row = select.executeQuery()) {
                    long actual = row.next() ? row.getLong(1) : Long.MIN_VALUE;
                    if (actual != expected) {
                        mismatches.add(meter.accountId + ": " + actual + " expected " + expected);
                    }
                }
            }
        }
        return mismatches;
    }

    /** Meters whose account is not depleted but whose supply is neither confirmed ON nor has a RESTORE pending. */
    private static List<String> unconverged(Postgres15 postgres, List<SimulatedGateway.Meter> all) throws Exception {
        List<String> unconverged = new ArrayList<>();
        try (Connection connection = postgres.superuser();
             PreparedStatement select = connection.prepareStatement("""
                     select a.depleted, m.supply_confirmed, m.pending_action from account_view a
                     join meter_view m on m.meter_id = a.meter_id and m.tenant_id = a.tenant_id
                     where a.account_id = ?""")) {
            for (SimulatedGateway.Meter meter : all) {
                select.setString(1, meter.accountId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        unconverged.add(meter.meterId + ": no meter or account row");
                        continue;
                    }
                    boolean depleted = row.getBoolean(1);
                    String confirmed = row.getString(2);
                    String pending = row.getString(3);
                    if (!depleted && !"ON".equals(confirmed) && !"RESTORE".equals(pending)) {
                        unconverged.add(meter.meterId + ": confirmed " + confirmed + ", pending " + pending);
                    }
                }
            }
        }
        return unconverged;
    }

    private void awaitProjected(Postgres15 postgres, List<SimulatedGateway.Meter> all) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = postgres.superuser();
                 ResultSet row = connection.createStatement().executeQuery(
                         "select count(*) from account_view where account_id like 'ca-" + tenantTag
                                 + "-%' and balance_minor > 0")) {
                row.next();
                if (row.getLong(1) == all.size()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("seeded accounts not projected within 2 minutes");
    }

    private String tenantOf(Postgres15 postgres) throws Exception {
        try (Connection connection = postgres.superuser();
             ResultSet row = connection.createStatement().executeQuery(
                     "select tenant_id from account_view where account_id like 'ca-" + tenantTag + "-%' limit 1")) {
            row.next();
            return row.getString(1);
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        AppNode target = node;
        return http.send(HttpRequest.newBuilder(URI.create(target.base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private static long sum(List<SimulatedGateway> gateways,
                            java.util.function.ToLongFunction<SimulatedGateway> f) {
        return gateways.stream().mapToLong(f).sum();
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
