package com.meterledger.perf.dashboard;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.meter.MeterId;
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
import com.meterledger.perf.PerfApplication;
import com.meterledger.perf.readings.ReadingBenchmark;
import com.meterledger.query.dashboard.DashboardQueries;
import com.meterledger.query.dashboard.PropertyDashboard;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.meterledger.perf.Sql.connect;
import static com.meterledger.perf.Sql.scalar;
import static com.meterledger.perf.Sql.text;

/**
 * The per-property dashboard of one tenant with M meters and about 10 x M events, timed beside a plain SQL
 * computation of the same numbers in the same run.
 * <ol>
 *   <li>Sample, through the real path: S meters of property p-0 are registered, opened, topped up and read three
 *   times through the command gateway; dashboard-projection (and account-projection) build their rows from those
 *   events like in production.</li>
 *   <li>Bulk, by SQL: the other M - S meters (spread over P properties, p-0 included) get the rows account-projection
 *   would have written for 10 events each (opening register, a credit, four readings each charged) and the
 *   dashboard rows derived from them by one set of aggregate statements. Sending ~1M events through the command
 *   path and both projections would take most of an hour on 2 cores; the dashboard query never reads the event
 *   store, only its own figures, so what it is timed against is the same size either way.</li>
 *   <li>Timed: {@code DashboardQueries.dashboard(tenant, p-0)} (figures, top consumers, pending commands, the
 *   gateway-liveness query) I times; baseline: the same numbers by plain SQL over account-projection's rows of the
 *   property (accounts by state, ledger and register lines of the month, top consumers by a group-by).</li>
 *   <li>Verified: the dashboard's numbers equal the baseline's, so both the projected sample and the bulk figures
 *   agree with a scan of the underlying rows.</li>
 * </ol>
 */
public final class DashboardBenchmark {
    static final TenantId TENANT = new TenantId("perf-dashboard");
    static final Currency EUR = Currency.getInstance("EUR");
    static final BigDecimal PRICE = new BigDecimal("100");
    static final long SAMPLE_CREDIT = 1_000_000;

    public record Options(int meters, int properties, int sample, int iterations, int threads, Path home,
                          List<String> applicationProperties) {
        public static final String HELP = """
                options of `dashboard`:
                  --meters M          meters (each with one account) in the tenant (default 100000)
                  --properties P      properties they are spread over (default 10); p-0 is timed
                  --sample S          meters of p-0 driven through the command path and the projections (default 500)
                  --iterations I      timed dashboard queries (default 2000, after 200 untimed); the baseline runs
                                      I / 10 times
                  --threads T         client threads sending the sample's commands (default 4)
                  --home DIR          folder for the embedded PostgreSQL (default: temp folder, deleted after)
                  --set key=value     an application property for this run (repeatable)""";

        public static Options parse(String... args) {
            int meters = 100_000;
            int properties = 10;
            int sample = 500;
            int iterations = 2_000;
            int threads = 4;
            Path home = null;
            List<String> settings = new ArrayList<>();
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("missing value after " + args[args.length - 1] + "\n" + HELP);
            }
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1].replace("_", "");
                switch (args[i]) {
                    case "--meters" -> meters = Integer.parseInt(value);
                    case "--properties" -> properties = Integer.parseInt(value);
                    case "--sample" -> sample = Integer.parseInt(value);
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--home" -> home = Path.of(args[i + 1]);
                    case "--set" -> settings.add(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + HELP);
                }
            }
            if (properties < 1 || sample < 1 || sample > meters || iterations < 10 || threads < 1) {
                throw new IllegalArgumentException("need 1 <= sample <= meters, properties >= 1, iterations >= 10");
            }
            return new Options(meters, properties, sample, iterations, threads, home, settings);
        }
    }

    private final Options options;
    private final PrintStream out;

    public DashboardBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return true when the dashboard's numbers equal the baseline's */
    public boolean run() throws Exception {
        return PerfApplication.run("dashboard", options.home(), options.applicationProperties(), out, this::measure);
    }

    private boolean measure(ConfigurableApplicationContext context) throws Exception {
        PostgresCoordinates db = context.getBean(EmbeddedPostgresServer.class).coordinates();
        out.println("PostgreSQL " + text(db, "show server_version") + ", fsync=" + text(db, "show fsync")
                + ", synchronous_commit=" + text(db, "show synchronous_commit"));
        Registry registry = context.getBean(Registry.class);
        for (int p = 0; p < options.properties(); p++) {
            registry.addProperty(TENANT, property(p), "Property " + p, p + " Dashboard Road");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        long began = System.nanoTime();
        sample(context.getBean(CommandGateway.class), registry, now);
        awaitSample(db);
        out.printf(Locale.ROOT, "sample: %,d meters of p-0 through the command path, %,d events, projected in %.1f s%n",
                options.sample(), scalar(db, "select count(*) from domain_event_entry"),
                (System.nanoTime() - began) / 1e9);

        began = System.nanoTime();
        bulk(db, now);
        out.printf(Locale.ROOT, "bulk: %,d meters over %d properties by SQL in %.1f s; tenant rows: %,d accounts, "
                        + "%,d ledger lines, %,d register lines (~%,d events' worth), %,d meter views, %,d figures%n",
                options.meters() - options.sample(), options.properties(), (System.nanoTime() - began) / 1e9,
                count(db, "account_view"), count(db, "account_ledger_line"), count(db, "account_register_line"),
                count(db, "account_ledger_line") + count(db, "account_register_line")
                        + scalar(db, "select count(*) from domain_event_entry"),
                count(db, "meter_view"), count(db, "dashboard_figure"));

        DashboardQueries dashboards = context.getBean(DashboardQueries.class);
        PropertyId timed = property(0);
        int n = options.iterations();
        long[] dashboardMicros = new long[n];
        PropertyDashboard dashboard = null;
        for (int i = -200; i < n; i++) {
            long t0 = System.nanoTime();
            dashboard = dashboards.dashboard(TENANT, timed);
            if (i >= 0) {
                dashboardMicros[i] = (System.nanoTime() - t0) / 1_000;
            }
        }
        int m = Math.max(10, n / 10);
        long[] baselineMicros = new long[m];
        Baseline baseline = null;
        try (Connection connection = connect(db)) {
            for (int i = -5; i < m; i++) {
                long t0 = System.nanoTime();
                baseline = Baseline.compute(connection, timed.value(), now);
                if (i >= 0) {
                    baselineMicros[i] = (System.nanoTime() - t0) / 1_000;
                }
            }
        }
        out.printf(Locale.ROOT, "%ndashboard of p-0: %,d accounts, %,d meters (%d dashboard runs after 200 untimed, "
                + "%d baseline runs after 5)%n", dashboard.accounts().open() + dashboard.accounts().closed(),
                dashboard.meters(), n, m);
        out.println("                                                   p50 ms    p99 ms    max ms");
        print("  DashboardQueries.dashboard (incremental figures)", dashboardMicros);
        print("  baseline: plain SQL over the property's rows", baselineMicros);
        long[] sortedDashboard = sorted(dashboardMicros);
        long[] sortedBaseline = sorted(baselineMicros);
        out.printf(Locale.ROOT, "  ratio baseline p50 / dashboard p50                %.1f   (target: dashboard p99 < 50 ms)%n",
                ReadingBenchmark.percentile(sortedBaseline, .5) / ReadingBenchmark.percentile(sortedDashboard, .5));

        Baseline seen = Baseline.of(dashboard);
        boolean ok = seen.equals(baseline);
        out.println("  dashboard: " + seen);
        out.println("  baseline:  " + baseline);
        out.println("verification " + (ok ? "OK" : "MISMATCH"));
        return ok;
    }

    /** S meters of p-0: registered, opened 4 h ago, topped up, read three times (1.5 kWh each), by S/T per thread. */
    private void sample(CommandGateway gateway, Registry registry, Instant now) throws Exception {
        for (int k = 0; k < options.sample(); k++) {
            registry.addUnit(TENANT, property(0), new UnitId("su-" + k), "Sample unit " + k);
        }
        Instant opened = now.minus(Duration.ofHours(4));
        ExecutorService threads = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                int first = t;
                work.add(threads.submit(() -> {
                    for (int k = first; k < options.sample(); k += options.threads()) {
                        MeterId meter = new MeterId("sm-" + k);
                        AccountId account = new AccountId("sa-" + k);
                        UnitId unit = new UnitId("su-" + k);
                        send(gateway, new RegisterMeter(meter, unit, Utility.ELECTRICITY, "SM-" + k));
                        send(gateway, new OpenAccount(account, unit, meter, EUR, OpenAccount.privateTariffOf(account),
                                new FlatTariff(PRICE), opened, BigDecimal.ZERO, Map.of()));
                        send(gateway, new RecordTopUp(account, new Money(SAMPLE_CREDIT, EUR), "sample-" + k, 1L));
                        for (int r = 1; r <= 3; r++) {
                            send(gateway, new RecordReading(meter, opened.plus(Duration.ofHours(r)),
                                    new BigDecimal("1.5").multiply(BigDecimal.valueOf(r))));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    /** Until both projections have every charge of the sample. */
    private void awaitSample(PostgresCoordinates db) throws Exception {
        long charges = 3L * options.sample();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (scalar(db, "select count(*) from account_ledger_line where tenant_id = '" + TENANT + "' and kind = 'CHARGE'")
                < charges || scalar(db, "select coalesce(sum(amount), 0) from dashboard_figure where tenant_id = '"
                + TENANT + "' and figure = 'charges:EUR' and length(period) = 7") < charges * 150) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projections did not catch up with the sample within 10 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** The bulk meters' account-projection rows, then the dashboard rows aggregated from them (see the class doc). */
    private void bulk(PostgresCoordinates db, Instant now) throws SQLException {
        int dayOfMonth = LocalDate.ofInstant(now, ZoneOffset.UTC).getDayOfMonth();
        try (Connection c = connect(db)) {
            c.setAutoCommit(false);
            try (PreparedStatement seed = c.prepareStatement(BulkSql.SEED)) {
                seed.setInt(1, options.properties());
                seed.setTimestamp(2, Timestamp.from(now));
                seed.setInt(3, dayOfMonth);
                seed.setInt(4, options.sample());
                seed.setInt(5, options.meters() - 1);
                seed.execute();
            }
            try (Statement statement = c.createStatement()) {
                for (String sql : BulkSql.STATEMENTS) {
                    statement.execute(sql.replace(":tenant", "'" + TENANT.value() + "'"));
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement statement = c.createStatement()) {
                statement.execute("analyze");
            }
        }
    }

    private static long count(PostgresCoordinates db, String table) throws SQLException {
        return scalar(db, "select count(*) from " + table + " where tenant_id = '" + TENANT + "'");
    }

    private static PropertyId property(int p) {
        return new PropertyId("p-" + p);
    }

    private static void send(CommandGateway gateway, Object command) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetadataKeys.TENANT,
                TENANT.value(), MetadataKeys.ACTOR, "perf-dashboard", MetadataKeys.ORIGIN, "system")));
    }

    private static long[] sorted(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private void print(String label, long[] micros) {
        long[] sorted = sorted(micros);
        out.printf(Locale.ROOT, "%-50s %8.2f  %8.2f  %8.2f%n", label, ReadingBenchmark.percentile(sorted, .5),
                ReadingBenchmark.percentile(sorted, .99), sorted[sorted.length - 1] / 1000.0);
    }

    /** The numbers both sides must agree on. */
    record Baseline(List<Long> states, long meters, BigDecimal consumptionToday, BigDecimal consumptionMonth,
                    long chargesToday, long chargesMonth, long creditsToday, long creditsMonth, long arrears,
                    List<String> top, long pending) {

        static Baseline of(PropertyDashboard d) {
            PropertyDashboard.AccountStates s = d.accounts();
            PropertyDashboard.Consumption c = d.consumption().isEmpty() ? null : d.consumption().getFirst();
            PropertyDashboard.MoneyFigures money = d.money().getFirst();
            return new Baseline(List.of(s.active(), s.low(), s.depleted(), s.cut(), s.closed()), d.meters(),
                    c == null ? BigDecimal.ZERO : c.today().stripTrailingZeros(),
                    c == null ? BigDecimal.ZERO : c.month().stripTrailingZeros(), money.chargesTodayMinor(),
                    money.chargesMonthMinor(), money.creditsTodayMinor(), money.creditsMonthMinor(),
                    money.arrearsMinor(), d.topConsumers().stream()
                    .map(t -> t.meterId() + "=" + t.quantity().stripTrailingZeros().toPlainString()).toList(),
                    d.pendingCommands().size());
        }

        /** The same numbers by plain SQL over account-projection's rows of the property (owner connection). */
        static Baseline compute(Connection c, String property, Instant now) throws SQLException {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Timestamp dayStart = Timestamp.from(today.atStartOfDay(ZoneOffset.UTC).toInstant());
            Timestamp monthStart = Timestamp.from(today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            Long[] states = {0L, 0L, 0L, 0L, 0L};
            long meters = 0;
            long arrears = 0;
            long pending = 0;
            try (PreparedStatement q = c.prepareStatement(BulkSql.BASELINE_ACCOUNTS)) {
                q.setString(1, TENANT.value());
                q.setString(2, property);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        states[rs.getInt(1)] = rs.getLong(2);
                        meters += rs.getLong(2);
                        arrears += rs.getLong(3);
                        pending += rs.getLong(4);
                    }
                }
            }
            long[] money = new long[4];
            try (PreparedStatement q = c.prepareStatement(BulkSql.BASELINE_MONEY)) {
                q.setTimestamp(1, dayStart);
                q.setTimestamp(2, dayStart);
                q.setString(3, TENANT.value());
                q.setString(4, property);
                q.setTimestamp(5, monthStart);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < 4; i++) {
                        money[i] = rs.getLong(i + 1);
                    }
                }
            }
            BigDecimal today0;
            BigDecimal month0;
            try (PreparedStatement q = c.prepareStatement(BulkSql.BASELINE_CONSUMPTION)) {
                q.setTimestamp(1, dayStart);
                q.setString(2, TENANT.value());
                q.setString(3, property);
                q.setTimestamp(4, monthStart);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    today0 = rs.getBigDecimal(1).stripTrailingZeros();
                    month0 = rs.getBigDecimal(2).stripTrailingZeros();
                }
            }
            List<String> top = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(BulkSql.BASELINE_TOP)) {
                q.setString(1, TENANT.value());
                q.setString(2, property);
                q.setTimestamp(3, monthStart);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        top.add(rs.getString(1) + "=" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
                    }
                }
            }
            return new Baseline(Arrays.asList(states), meters, today0, month0, money[0], money[1], money[2], money[3],
                    arrears, top, Math.min(pending, 50));
        }
    }
}
