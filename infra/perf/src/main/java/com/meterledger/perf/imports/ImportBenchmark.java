package com.meterledger.perf.imports;

import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.tenancy.TenantContext;
import com.meterledger.embedded.EmbeddedPostgresServer;
import com.meterledger.embedded.PostgresCoordinates;
import com.meterledger.perf.PerfApplication;
import com.meterledger.perf.Sql;
import com.meterledger.perf.readings.RawInsertBaseline;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.ui.imports.ImportJobs;
import com.meterledger.ui.imports.ImportPlan;
import com.meterledger.ui.imports.ImportPlanner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bulk import of N rows, each a unit with its electricity meter, an account opened on a published flat tariff
 * with an opening reading and an opening balance, and the occupant's e-mail contact (the heaviest row the import
 * takes: one registry insert, three commands and a contact row). Times the dry run (plan), the real run (job start
 * to the last row's outcome) and a second run of the same file (all unchanged), through the same
 * {@link ImportPlanner} and {@link ImportJobs} {@code POST /api/imports} uses, as a tenant administrator of tenant
 * {@code perf-import}. Verifies that every row was done, then unchanged, and prints rows/s.
 *
 * <p>Baseline, same server, same run: the event rows the first run appended, inserted again by plain JDBC into a
 * scratch copy of the event table ({@link RawInsertBaseline}) from as many threads as the job has workers, as many
 * rows per transaction as one of the job's batches appends; divided by the events per import row, it is the import
 * rate the event store alone would allow (no commands, rules, registry, contacts or projections).
 */
public final class ImportBenchmark {
    static final TenantId TENANT = new TenantId("perf-import");

    public record Options(int rows, Path home, List<String> applicationProperties) {
        public static final String HELP = """
                options of `import`:
                  --rows N        rows in the CSV file (default 10000)
                  --home DIR      folder for the embedded PostgreSQL (default: temp folder, deleted after)
                  --set key=value an application property for this run (repeatable)""";

        public static Options parse(String... args) {
            int rows = 10_000;
            Path home = null;
            List<String> properties = new ArrayList<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--rows" -> rows = Integer.parseInt(args[i + 1].replace("_", ""));
                    case "--home" -> home = Path.of(args[i + 1]);
                    case "--set" -> properties.add(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + HELP);
                }
            }
            if (args.length % 2 != 0 || rows < 1) {
                throw new IllegalArgumentException(HELP);
            }
            return new Options(rows, home, properties);
        }
    }

    private final Options options;
    private final PrintStream out;

    public ImportBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public boolean run() throws Exception {
        return PerfApplication.run("import", options.home(), options.applicationProperties(), out, this::measure);
    }

    private boolean measure(ConfigurableApplicationContext context) throws Exception {
        Jwt token = Jwt.withTokenValue("perf").header("alg", "none").subject("perf-import-admin")
                .claim(Caller.TENANT_CLAIM, TENANT.value()).claim(Caller.NAME_CLAIM, "Import benchmark")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofHours(1))).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token,
                List.of(new SimpleGrantedAuthority("ROLE_TENANT_ADMIN"))));
        Registry registry = context.getBean(Registry.class);
        TenantContext.callAs(TENANT, () -> {
            registry.addProperty(TENANT, new PropertyId("site"), "Import site", "1 Import Street");
            return null;
        });
        var tariffs = context.getBean(com.meterledger.core.tariff.web.TariffController.class);
        tariffs.create(new com.meterledger.core.tariff.web.TariffController.CreateTariffRequest("perf-flat",
                "Flat", com.meterledger.api.shared.Utility.ELECTRICITY, "EUR", "UTC"));
        // a version may not be back-dated: it starts a moment ahead, and the rows open once it is in force
        Instant inForce = Instant.now().plusSeconds(5);
        tariffs.publish("perf-flat", new com.meterledger.core.tariff.web.TariffController.VersionRequest(
                inForce, new com.meterledger.core.tariff.web.TariffController.ScheduleRequest(
                com.meterledger.core.tariff.web.TariffController.ScheduleRequest.Kind.FLAT,
                new java.math.BigDecimal("25"), null, null, null), java.math.BigDecimal.ZERO));
        while (Instant.now().isBefore(inForce.plusSeconds(1))) {
            Thread.sleep(100);
        }
        byte[] file = csv(options.rows());
        out.printf(Locale.ROOT, "file: %d rows, %d KiB of CSV%n", options.rows(), file.length / 1024);
        ImportPlanner planner = context.getBean(ImportPlanner.class);
        ImportJobs jobs = context.getBean(ImportJobs.class);

        long planStart = System.nanoTime();
        ImportPlan plan = planner.plan(TENANT, file, ZoneOffset.UTC);
        long planMillis = (System.nanoTime() - planStart) / 1_000_000;
        out.printf(Locale.ROOT, "dry run:    %,d rows in %,d ms (%,.0f rows/s), %d valid%n", plan.rows().size(),
                planMillis, rate(plan.rows().size(), planMillis), plan.validRows());

        PostgresCoordinates db = context.getBean(EmbeddedPostgresServer.class).coordinates();
        out.println("PostgreSQL " + Sql.text(db, "show server_version") + ", fsync=" + Sql.text(db, "show fsync")
                + ", synchronous_commit=" + Sql.text(db, "show synchronous_commit"));
        long globalIndexBefore = Sql.scalar(db, "select coalesce(max(global_index), 0) from domain_event_entry");
        long firstStart = System.nanoTime();
        ImportJobs.JobView first = runToTheEnd(planner, jobs, file, "first run");
        double firstSeconds = (System.nanoTime() - firstStart) / 1e9;
        long events = Sql.scalar(db, "select count(*) from domain_event_entry where global_index > " + globalIndexBefore);
        ImportJobs.JobView second = runToTheEnd(planner, jobs, file, "second run");

        double eventsPerRow = events / (double) options.rows();
        int perTransaction = (int) Math.max(1, Math.round(eventsPerRow * ImportJobs.BATCH));
        RawInsertBaseline raw = RawInsertBaseline.prepare(db.jdbcUrl(), db.username(), db.password(), globalIndexBefore);
        RawInsertBaseline.Measurement insert = raw.measure(ImportJobs.WORKERS, events, perTransaction);
        double baselineRowsPerSecond = insert.rowsPerSecond() / eventsPerRow;
        double importRowsPerSecond = options.rows() / firstSeconds;
        out.printf(Locale.ROOT, "baseline:   raw insert of the run's %,d event rows (%.2f per import row, %d per "
                        + "transaction, %d threads): %,.0f event rows/s = %,.0f import rows/s%n", events, eventsPerRow,
                perTransaction, ImportJobs.WORKERS, insert.rowsPerSecond(), baselineRowsPerSecond);
        out.printf(Locale.ROOT, "import rate: %,.0f rows/s (first run, dry run included); ratio to the baseline "
                        + "%.3f; goal 10,000 rows in under 60 s: %s (%.1f s for %,d rows)%n", importRowsPerSecond,
                importRowsPerSecond / baselineRowsPerSecond,
                options.rows() * 60.0 / 10_000 > firstSeconds ? "met" : "NOT met", firstSeconds, options.rows());
        boolean verified = first.done() == options.rows() && first.failed() == 0
                && second.unchanged() == options.rows() && second.failed() == 0;
        out.printf(Locale.ROOT, "verified: %s (first run done %d, failed %d; second run unchanged %d)%n",
                verified ? "yes" : "NO", first.done(), first.failed(), second.unchanged());
        first.rows().stream().filter(row -> row.outcome().equals("FAILED")).limit(5)
                .forEach(row -> out.println("  failed row " + row.row() + ": " + row.rule() + " " + row.detail()));
        return verified;
    }

    private ImportJobs.JobView runToTheEnd(ImportPlanner planner, ImportJobs jobs, byte[] file, String what)
            throws InterruptedException {
        long start = System.nanoTime();
        String jobId = jobs.start(TENANT, planner.plan(TENANT, file, ZoneOffset.UTC));
        ImportJobs.JobView view;
        do {
            Thread.sleep(200);
            view = jobs.progress(TENANT, jobId).orElseThrow();
        } while (view.status() == ImportJobs.Status.RUNNING);
        long millis = (System.nanoTime() - start) / 1_000_000;
        view = jobs.view(TENANT, jobId).orElseThrow();
        out.printf(Locale.ROOT, "%s: %,d rows in %,d ms (%,.0f rows/s, dry run included): done %d, unchanged %d, "
                        + "failed %d%n", what, view.total(), millis, rate(view.total(), millis), view.done(),
                view.unchanged(), view.failed());
        return view;
    }

    private static double rate(int rows, long millis) {
        return millis == 0 ? rows : rows * 1000.0 / millis;
    }

    static byte[] csv(int rows) {
        StringBuilder csv = new StringBuilder("property,unit,unit_name,meter,utility,serial,account,currency,tariff,"
                + "opening_read_at,opening_register,opening_balance,occupant_name,occupant_email\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("site,u-").append(i).append(",Flat ").append(i).append(",im-").append(i)
                    .append(",ELECTRICITY,SN-").append(i).append(",ia-").append(i).append(",EUR,perf-flat,")
                    .append(",").append(i % 1000).append(".5,").append(5000 + i % 100)
                    .append(",Occupant ").append(i).append(",o").append(i).append("@example.test\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
