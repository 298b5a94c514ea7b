package com.meterledger.perf.lists;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FlatTariff;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.account.RecordTopUp;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
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
import com.meterledger.gateway.meter.registry.GatewayListController;
import com.meterledger.gateway.meter.registry.GatewayRegistry;
import com.meterledger.perf.PerfApplication;
import com.meterledger.perf.dashboard.BulkSql;
import com.meterledger.perf.readings.ReadingBenchmark;
import com.meterledger.query.listing.AccountList;
import com.meterledger.query.listing.MeterList;
import com.meterledger.query.listing.Search;
import com.meterledger.query.listing.TariffList;
import com.meterledger.tenantadmin.registry.Registry;
import com.meterledger.tenantadmin.registry.UnitListController;
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
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static com.meterledger.perf.Sql.connect;
import static com.meterledger.perf.Sql.scalar;
import static com.meterledger.perf.Sql.text;

/**
 * Lists and search with N accounts in one tenant, each request timed through the application's own beans (the ones
 * {@code GET /api/accounts}, {@code /api/meters}, {@code /api/units}, {@code /api/gateways}, {@code /api/tariffs} and
 * {@code /api/search} call: a tenant-bound read-only transaction under row-level security, the SQL, the mapping)
 * beside a plain SQL baseline on the same server in the same run.
 * <ol>
 *   <li>Sample through the real path: S accounts of property p-0 registered, opened, topped up and read once through
 *   the command gateway, projected by the projections as in production; a few gateways registered.</li>
 *   <li>Bulk by SQL: the other N - S accounts' read-model rows over P properties (the dashboard benchmark's
 *   {@link BulkSql}: units, account and dashboard rows, meter views; then {@link #TARIFFS_AND_GATEWAYS}: a flat tariff
 *   of its own for every other account, three shared tariffs, a gateway per 50 meters), then ANALYZE.</li>
 *   <li>Timed: each request I times after I / 10 untimed; the baseline is the simplest plain SQL that answers the
 *   same page (first page by primary key on the owner's connection, no transaction set-up, no row-level security),
 *   timed the same way.</li>
 *   <li>Verified: the application's first page equals the baseline's, the exact-id search finds that account first,
 *   and a manager's scope shows only its properties; the unit, gateway and tariff cursor pages equal plain SQL's rows
 *   after the same id, and a manager's tariffs hold no other property's account's own tariff.</li>
 * </ol>
 */
public final class ListsBenchmark {
    static final TenantId TENANT = new TenantId("perf-lists");
    static final Currency EUR = Currency.getInstance("EUR");
    /** A bulk gateway relays this many meters of its property. */
    static final int METERS_PER_GATEWAY = 50;
    /** The unit list's and the gateway list's filters as a cursor is bound to them: none. */
    private static final List<Object> NO_PROPERTY = Collections.singletonList(null);
    private static final List<Object> NO_GATEWAY_FILTERS = Arrays.asList(null, null);
    /** Shared tariffs of the bulk accounts. */
    static final int SHARED_TARIFFS = 3;

    /**
     * The bulk rows of the tariff and gateway lists, in the seed's transaction ({@code :tenant}, {@code :block} = meters
     * per gateway x properties): every even bulk account has its own flat tariff (a row naming it, as an account opened
     * with a flat price has, with the account's property), every odd one is priced by one of three shared tariffs, each
     * tariff with one version, and tariff-projection's own rows of the accounts and the tariffs' open accounts per
     * property (V269), as the projection would have counted them; one
     * gateway per 50 meters of a property, relaying them, a tenth never seen and the others seen within two hours.
     */
    static final List<String> TARIFFS_AND_GATEWAYS = List.of("""
            insert into tariff_view (tenant_id, tariff_id, name, utility, kind, currency, zone, state, latest_version,
                created_at, account_id)
            select :tenant, 'shared-' || k, 'Shared tariff ' || k, 'ELECTRICITY', 'TIERED', 'EUR', 'UTC', 'PUBLISHED', 1,
                min(s.base) - make_interval(days => 30 - k), null
            from seed s, generate_series(1, %d) k group by k""".formatted(SHARED_TARIFFS), """
            insert into tariff_view (tenant_id, tariff_id, name, utility, kind, currency, zone, state, latest_version,
                created_at, account_id, property_id)
            select :tenant, 'flat.' || s.account, 'flat price of account ' || s.account, 'ELECTRICITY', 'FLAT', 'EUR',
                'UTC', 'PUBLISHED', 1, s.base, s.account, s.property
            from seed s where s.i % 2 = 0""", """
            update account_view a set tariff_id = case when s.i %% 2 = 0 then 'flat.' || s.account
                else 'shared-' || (s.i / 2 %% %d + 1) end
            from seed s where a.tenant_id = :tenant and a.account_id = s.account""".formatted(SHARED_TARIFFS), """
            insert into tariff_account (tenant_id, account_id, tariff_id, property_id, open)
            select :tenant, s.account, a.tariff_id, s.property, a.closed_at is null
            from seed s join account_view a on a.tenant_id = :tenant and a.account_id = s.account""", """
            insert into tariff_property_accounts (tenant_id, tariff_id, property_id, open_accounts)
            select :tenant, a.tariff_id, a.property_id, count(*)
            from seed s join tariff_account a on a.tenant_id = :tenant and a.account_id = s.account
            where a.open group by a.tariff_id, a.property_id
            on conflict (tenant_id, tariff_id, property_id)
            do update set open_accounts = tariff_property_accounts.open_accounts + excluded.open_accounts""", """
            insert into tariff_version_view (tenant_id, tariff_id, version_number, effective_from, kind, schedule,
                standing_charge_per_day, published_at)
            select t.tenant_id, t.tariff_id, 1, t.created_at, t.kind, cast('{"kind":"FLAT","price":100}' as jsonb), 0,
                t.created_at
            from tariff_view t where t.tenant_id = :tenant and t.tariff_id not like 'flat.s%'""", """
            insert into meter_gateway (tenant_id, gateway_id, property_id, name, secret_salt, secret_hash, created_at,
                secret_rotated_at, last_seen_at)
            select :tenant, 'gw-' || s.property || '-' || (s.i / :block), s.property,
                'Bulk gateway ' || s.property || '-' || (s.i / :block), '\\x00', '\\x00', min(s.base), min(s.base),
                case when (s.i / :block) % 10 = 3 then null
                    else max(s.base) + make_interval(mins => (s.i / :block) % 120) end
            from seed s group by s.property, s.i / :block""", """
            insert into meter_gateway_meter (tenant_id, meter_id, gateway_id, address, attached_at)
            select :tenant, s.meter, 'gw-' || s.property || '-' || (s.i / :block), s.meter, s.base from seed s""");

    public record Options(int accounts, int properties, int sample, int iterations, Path home,
                          List<String> applicationProperties) {
        public static final String HELP = """
                options of `lists`:
                  --accounts N        accounts (each with its meter and unit) in the tenant (default 100000)
                  --properties P      properties they are spread over (default 10)
                  --sample S          accounts of p-0 driven through the command path and the projections (default 200)
                  --iterations I      timed requests of each kind (default 500, after I / 10 untimed)
                  --home DIR          folder for the embedded PostgreSQL (default: temp folder, deleted after)
                  --set key=value     an application property for this run (repeatable)""";

        public static Options parse(String... args) {
            int accounts = 100_000;
            int properties = 10;
            int sample = 200;
            int iterations = 500;
            Path home = null;
            List<String> settings = new ArrayList<>();
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("missing value after " + args[args.length - 1] + "\n" + HELP);
            }
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1].replace("_", "");
                switch (args[i]) {
                    case "--accounts" -> accounts = Integer.parseInt(value);
                    case "--properties" -> properties = Integer.parseInt(value);
                    case "--sample" -> sample = Integer.parseInt(value);
                    case "--iterations" -> iterations = Integer.parseInt(value);
                    case "--home" -> home = Path.of(args[i + 1]);
                    case "--set" -> settings.add(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + HELP);
                }
            }
            if (properties < 2 || sample < 1 || sample >= accounts || iterations < 10) {
                throw new IllegalArgumentException("need 1 <= sample < accounts, properties >= 2, iterations >= 10");
            }
            return new Options(accounts, properties, sample, iterations, home, settings);
        }
    }

    private final Options options;
    private final PrintStream out;

    public ListsBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return true when the verification passed */
    public boolean run() throws Exception {
        return PerfApplication.run("lists", options.home(), options.applicationProperties(), out, this::measure);
    }

    private boolean measure(ConfigurableApplicationContext context) throws Exception {
        PostgresCoordinates db = context.getBean(EmbeddedPostgresServer.class).coordinates();
        out.println("PostgreSQL " + text(db, "show server_version") + ", pg_trgm "
                + (scalar(db, "select count(*) from pg_extension where extname = 'pg_trgm'") > 0 ? "installed" : "MISSING"));
        Registry registry = context.getBean(Registry.class);
        GatewayRegistry gateways = context.getBean(GatewayRegistry.class);
        for (int p = 0; p < options.properties(); p++) {
            registry.addProperty(TENANT, new PropertyId("p-" + p), "Property " + p, p + " Lists Road");
            gateways.register(TENANT, "gw-" + p, "p-" + p, "Roof gateway " + p);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        long began = System.nanoTime();
        sample(context.getBean(CommandGateway.class), registry, now);
        awaitSample(db);
        out.printf(Locale.ROOT, "sample: %,d accounts of p-0 through the command path, projected in %.1f s%n",
                options.sample(), (System.nanoTime() - began) / 1e9);
        began = System.nanoTime();
        bulk(db, now);
        out.printf(Locale.ROOT, "bulk: %,d accounts over %d properties by SQL in %.1f s; tenant rows: %,d accounts, "
                        + "%,d meters, %,d units%n", options.accounts() - options.sample(), options.properties(),
                (System.nanoTime() - began) / 1e9, count(db, "dashboard_account"), count(db, "meter_view"),
                count(db, "unit"));

        AccountList accounts = context.getBean(AccountList.class);
        MeterList meters = context.getBean(MeterList.class);
        Search search = context.getBean(Search.class);
        PropertyScope all = PropertyScope.ALL;
        PropertyScope manager = PropertyScope.only(List.of("p-2", "p-5"));
        AccountList.Filters none = new AccountList.Filters(null, null, null, null, null, null);
        Instant hourAgo = now.minus(Duration.ofHours(1));
        String probe = "ba-" + (options.accounts() / 2 + 7);
        int deepPage = Math.min(ListWindow.MAX_OFFSET / 50, (options.accounts() - 1) / 50);

        out.printf(Locale.ROOT, "%n%d timed requests of each kind after %d untimed; page size 50%n",
                options.iterations(), options.iterations() / 10);
        out.println("                                                          p50 ms    p99 ms    max ms");
        List<long[]> app = new ArrayList<>();
        app.add(time("accounts, first page by id", () -> accounts.list(TENANT, all, none,
                AccountList.window(0, 50, null, null, List.of()))));
        app.add(time("accounts, sort -balance", () -> accounts.list(TENANT, all, none,
                AccountList.window(0, 50, "-balance", null, List.of()))));
        app.add(time("accounts, balanceBelow 0, sort balance", () -> accounts.list(TENANT, all,
                new AccountList.Filters(null, null, null, 0L, null, null), AccountList.window(0, 50, "balance", null, List.of()))));
        app.add(time("accounts, property p-3 + state LOW", () -> accounts.list(TENANT, all,
                new AccountList.Filters("LOW", null, "p-3", null, null, null), AccountList.window(0, 50, null, null, List.of()))));
        app.add(time("accounts, supplyOff, sort -lastReadAt", () -> accounts.list(TENANT, all,
                new AccountList.Filters(null, null, null, null, true, null), AccountList.window(0, 50, "-lastReadAt", null, List.of()))));
        app.add(time("accounts, not read for 1 h, utility", () -> accounts.list(TENANT, all,
                new AccountList.Filters(null, "ELECTRICITY", null, null, null, hourAgo), AccountList.window(0, 50, null, null, List.of()))));
        app.add(time("accounts, page " + deepPage + " (offset " + deepPage * 50 + ")", () -> accounts.list(TENANT,
                all, none, AccountList.window(deepPage, 50, null, null, List.of()))));
        app.add(time("accounts, manager scope (2 properties), -balance", () -> accounts.list(TENANT, manager, none,
                AccountList.window(0, 50, "-balance", null, List.of()))));
        app.add(time("meters, property p-1, sort -lastReadAt", () -> meters.list(TENANT, all,
                new MeterList.Filters(null, "p-1", null, null), MeterList.window(0, 50, "-lastReadAt", null, List.of()))));
        app.add(time("search, an exact account id", () -> search.search(TENANT, all, probe)));
        app.add(time("search, text inside 111 ids ('ba-777')", () -> search.search(TENANT, all, "ba-777")));
        app.add(time("search, a unit's name ('Unit 4242')", () -> search.search(TENANT, all, "Unit 4242")));
        app.add(time("search, matches nothing ('zzqx')", () -> search.search(TENANT, all, "zzqx")));
        // keyset pages: the cursor of the row 50 before the end, as the previous page's nextCursor would carry it
        int rowsIn = options.accounts() - 51;
        String lastButOne = nthAccountId(db, rowsIn);
        String deepCursor = AccountList.window(null, 50, null, null, none.values()).cursorAfter(lastButOne, lastButOne)
                .encode();
        app.add(time("accounts, by cursor " + String.format(Locale.ROOT, "%,d", rowsIn + 1) + " rows in", () ->
                accounts.list(TENANT, all, none, AccountList.window(null, 50, null, deepCursor, none.values()))));
        AccountList.Filters supplyOff = new AccountList.Filters(null, null, null, null, true, null);
        ListPage<AccountList.Row> offFirst = accounts.list(TENANT, all, supplyOff,
                AccountList.window(0, 50, "-lastReadAt", null, supplyOff.values()));
        String offCursor = offFirst.nextCursor();
        app.add(time("accounts, supplyOff, -lastReadAt, next page by cursor", () -> accounts.list(TENANT, all,
                new AccountList.Filters(null, null, null, null, true, null),
                AccountList.window(null, 50, "-lastReadAt", offCursor, supplyOff.values()))));
        app.add(time("meters, supplyOff (confirmed off)", () -> meters.list(TENANT, all,
                new MeterList.Filters(null, null, true, null), MeterList.window(0, 50, null, null, List.of()))));

        // units, gateways and tariffs (issue 18): first pages, the next page by the previous page's cursor, a cursor
        // 50 rows before the end, and a manager's two properties
        Position unitsAt = lastButFifty(db, "unit", "unit_id");
        String unitDeep = UnitListController.window(null, 50, null, null, NO_PROPERTY)
                .cursorAfter(unitsAt.id(), unitsAt.id()).encode();
        Map<String, long[]> units = new LinkedHashMap<>();
        units.put("units, by cursor " + unitsAt.rowsIn() + " rows in", time("units, by cursor " + unitsAt.rowsIn()
                + " rows in", () -> registry.units(TENANT, all, null, UnitListController.window(null, 50, null, unitDeep, NO_PROPERTY))));
        String unitsByName = registry.units(TENANT, all, null, UnitListController.window(0, 50, "-name", null, NO_PROPERTY))
                .nextCursor();
        units.put("units, -name, next page by cursor", time("units, -name, next page by cursor", () ->
                registry.units(TENANT, all, null, UnitListController.window(null, 50, "-name", unitsByName, NO_PROPERTY))));
        String unitsOfManager = registry.units(TENANT, manager, null, UnitListController.window(0, 50, null, null, NO_PROPERTY))
                .nextCursor();
        units.put("units, manager scope, next page by cursor", time("units, manager scope, next page by cursor", () ->
                registry.units(TENANT, manager, null, UnitListController.window(null, 50, null, unitsOfManager, NO_PROPERTY))));

        Position gatewaysAt = lastButFifty(db, "meter_gateway", "gateway_id");
        String gatewayDeep = GatewayListController.window(null, 50, null, null, NO_GATEWAY_FILTERS)
                .cursorAfter(gatewaysAt.id(), gatewaysAt.id()).encode();
        Map<String, long[]> gatewayLists = new LinkedHashMap<>();
        gatewayLists.put("gateways, first page -lastSeenAt", time("gateways, first page -lastSeenAt", () ->
                gateways.list(TENANT, all, null, null, GatewayListController.window(0, 50, "-lastSeenAt", null, NO_GATEWAY_FILTERS))));
        String seenNext = gateways.list(TENANT, all, null, null, GatewayListController.window(0, 50, "-lastSeenAt", null, NO_GATEWAY_FILTERS)).nextCursor();
        gatewayLists.put("gateways, -lastSeenAt, next page by cursor", time("gateways, -lastSeenAt, next page by "
                + "cursor", () -> gateways.list(TENANT, all, null, null, GatewayListController.window(null, 50, "-lastSeenAt", seenNext, NO_GATEWAY_FILTERS))));
        gatewayLists.put("gateways, by cursor " + gatewaysAt.rowsIn() + " rows in", time("gateways, by cursor "
                + gatewaysAt.rowsIn() + " rows in", () -> gateways.list(TENANT, all, null, null,
                GatewayListController.window(null, 50, null, gatewayDeep, NO_GATEWAY_FILTERS))));
        gatewayLists.put("gateways, manager scope, offline", time("gateways, manager scope, offline", () ->
                gateways.list(TENANT, manager, null, true, GatewayListController.window(0, 50, null, null, NO_GATEWAY_FILTERS))));

        TariffList tariffs = context.getBean(TariffList.class);
        TariffList.Filters anyTariff = new TariffList.Filters(null, null, null, null);
        Position tariffsAt = lastButFifty(db, "tariff_view", "tariff_id");
        String tariffDeep = TariffList.window(null, 50, null, null, anyTariff.values())
                .cursorAfter(tariffsAt.id(), tariffsAt.id()).encode();
        Map<String, long[]> tariffLists = new LinkedHashMap<>();
        tariffLists.put("tariffs, first page by id", time("tariffs, first page by id", () ->
                tariffs.list(TENANT, all, anyTariff, TariffList.window(0, 50, null, null, anyTariff.values()))));
        String newestNext = tariffs.list(TENANT, all, anyTariff, TariffList.window(0, 50, "-createdAt", null, anyTariff.values()))
                .nextCursor();
        tariffLists.put("tariffs, -createdAt, next page by cursor", time("tariffs, -createdAt, next page by cursor",
                () -> tariffs.list(TENANT, all, anyTariff, TariffList.window(null, 50, "-createdAt", newestNext, anyTariff.values()))));
        tariffLists.put("tariffs, by cursor " + tariffsAt.rowsIn() + " rows in", time("tariffs, by cursor "
                + tariffsAt.rowsIn() + " rows in", () -> tariffs.list(TENANT, all, anyTariff,
                TariffList.window(null, 50, null, tariffDeep, anyTariff.values()))));
        tariffLists.put("tariffs, manager scope (2 properties)", time("tariffs, manager scope (2 properties)", () ->
                tariffs.list(TENANT, manager, anyTariff, TariffList.window(0, 50, null, null, anyTariff.values()))));
        tariffLists.put("tariffs, name 'shared', accounts counted", time("tariffs, name 'shared', accounts counted",
                () -> tariffs.list(TENANT, all, new TariffList.Filters(null, null, null, "shared"),
                        TariffList.window(0, 50, null, null, List.of()))));
        // a name nearly every tariff has: more matches than the list takes as ids, so it filters the rows instead
        tariffLists.put("tariffs, name 'flat price' (50,050 match)", time("tariffs, name 'flat price' (50,050 match)",
                () -> tariffs.list(TENANT, all, new TariffList.Filters(null, null, null, "flat price"),
                        TariffList.window(0, 50, null, null, List.of()))));
        app.addAll(units.values());
        app.addAll(gatewayLists.values());
        app.addAll(tariffLists.values());

        List<long[]> baseline = new ArrayList<>();
        long[] unitBase;
        long[] gatewayBase;
        long[] tariffBase;
        try (Connection c = connect(db)) {
            baseline.add(time("baseline: first page by primary key", () -> firstPage(c)));
            baseline.add(time("baseline: one account by primary key", () -> byId(c, probe)));
            baseline.add(time("baseline: 50 rows after an id (keyset)", () -> afterId(c, lastButOne)));
            unitBase = time("baseline: 50 units after an id (keyset)", () -> after(c, "unit", "unit_id",
                    unitsAt.id()));
            gatewayBase = time("baseline: 50 gateways after an id (keyset)", () -> after(c, "meter_gateway",
                    "gateway_id", gatewaysAt.id()));
            tariffBase = time("baseline: 50 tariffs after an id (keyset)", () -> after(c, "tariff_view", "tariff_id",
                    tariffsAt.id()));
        }
        out.printf(Locale.ROOT, "%n  ratios to the plain-SQL keyset baseline of the same table (same run)   p50    p99%n");
        ratios(units, unitBase);
        ratios(gatewayLists, gatewayBase);
        ratios(tariffLists, tariffBase);

        double appWorst = 0;
        for (long[] a : app) {
            appWorst = Math.max(appWorst, ReadingBenchmark.percentile(a, .99));
        }
        double base = ReadingBenchmark.percentile(baseline.getFirst(), .5);
        out.printf(Locale.ROOT, "%n  ratio list p50 (first page) / baseline p50             %.1f%n",
                ReadingBenchmark.percentile(app.getFirst(), .5) / base);
        out.printf(Locale.ROOT, "  ratio search p50 (exact id) / baseline p50 (by id)    %.1f%n",
                ReadingBenchmark.percentile(app.get(9), .5) / ReadingBenchmark.percentile(baseline.get(1), .5));
        out.printf(Locale.ROOT, "  worst p99 of any list or search request               %.2f ms   (target: < 100 ms)%n",
                appWorst);

        boolean ok;
        List<String> seen = accounts.list(TENANT, all, none, AccountList.window(0, 50, null, null, List.of())).items().stream()
                .map(AccountList.Row::accountId).toList();
        List<String> expected;
        try (Connection c = connect(db)) {
            expected = firstPage(c).subList(0, 50);
        }
        List<Search.Hit> found = search.search(TENANT, all, probe);
        ListPage<AccountList.Row> scoped = accounts.list(TENANT, manager, none, AccountList.window(0, 200, null, null, List.of()));
        List<String> deepSeen = accounts.list(TENANT, all, none, AccountList.window(null, 50, null, deepCursor, none.values())).items()
                .stream().map(AccountList.Row::accountId).toList();
        List<String> deepExpected;
        try (Connection c = connect(db)) {
            deepExpected = afterId(c, lastButOne);
        }
        out.println("cursor page " + (deepSeen.equals(deepExpected) ? "equals" : "DIFFERS FROM")
                + " the baseline's rows after the same id (" + deepSeen.size() + " rows)");
        List<String> unitsSeen = registry.units(TENANT, all, null, UnitListController.window(null, 50, null, unitDeep, NO_PROPERTY))
                .items().stream().map(Registry.Unit::unitId).toList();
        List<String> gatewaysSeen = gateways.list(TENANT, all, null, null,
                GatewayListController.window(null, 50, null, gatewayDeep, NO_GATEWAY_FILTERS)).items().stream()
                .map(GatewayRegistry.GatewayListItem::gatewayId).toList();
        List<String> tariffsSeen = tariffs.list(TENANT, all, anyTariff, TariffList.window(null, 50, null, tariffDeep, anyTariff.values()))
                .items().stream().map(TariffList.Row::tariffId).toList();
        boolean othersOk;
        try (Connection c = connect(db)) {
            othersOk = unitsSeen.equals(after(c, "unit", "unit_id", unitsAt.id()))
                    && gatewaysSeen.equals(after(c, "meter_gateway", "gateway_id", gatewaysAt.id()))
                    && tariffsSeen.equals(after(c, "tariff_view", "tariff_id", tariffsAt.id()))
                    && unitsSeen.size() == 50 && gatewaysSeen.size() == 50 && tariffsSeen.size() == 50;
        }
        // a manager sees the shared tariffs and their properties' accounts' own, never another property's
        boolean tariffScopeOk = true;
        String page = null;
        int managerTariffs = 0;
        do {
            ListPage<TariffList.Row> rows = tariffs.list(TENANT, manager, anyTariff,
                    TariffList.window(null, 200, null, page, anyTariff.values()));
            for (TariffList.Row row : rows.items()) {
                managerTariffs++;
                if (row.tariffId().startsWith("flat.ba-")) {
                    int i = Integer.parseInt(row.tariffId().substring("flat.ba-".length()));
                    String property = "p-" + (i % options.properties());
                    tariffScopeOk &= property.equals("p-2") || property.equals("p-5");
                }
            }
            page = rows.nextCursor();
        } while (page != null);
        out.println("unit, gateway and tariff cursor pages " + (othersOk ? "equal" : "DIFFER FROM")
                + " the baselines' rows after the same ids; the manager's tariffs: " + managerTariffs
                + (tariffScopeOk ? ", none of another property's accounts" : ", SOME OF ANOTHER PROPERTY'S ACCOUNTS"));
        // the open accounts the tariff list shows (kept by tariff-projection) are those a count of the accounts finds
        TariffList.Filters shared = new TariffList.Filters(null, null, null, "shared");
        Map<String, Long> countedAll = new LinkedHashMap<>();
        Map<String, Long> countedManager = new LinkedHashMap<>();
        tariffs.list(TENANT, all, shared, TariffList.window(0, 50, null, null, shared.values())).items()
                .forEach(row -> countedAll.put(row.tariffId(), row.accounts()));
        tariffs.list(TENANT, manager, shared, TariffList.window(0, 50, null, null, shared.values())).items()
                .forEach(row -> countedManager.put(row.tariffId(), row.accounts()));
        boolean countsOk;
        try (Connection c = connect(db)) {
            countsOk = countedAll.equals(openAccounts(c, null)) && countedManager.equals(openAccounts(c, "{p-2,p-5}"))
                    && countedAll.size() == SHARED_TARIFFS;
        }
        out.println("open accounts of the shared tariffs " + (countsOk ? "equal" : "DIFFER FROM")
                + " a count of account_view: " + countedAll + ", manager's " + countedManager);
        ok = deepSeen.equals(deepExpected) && deepSeen.size() == 50 && othersOk && tariffScopeOk && countsOk
                && seen.equals(expected)
                && found.stream().filter(h -> h.kind() == Search.Kind.ACCOUNT).findFirst()
                .map(h -> h.id().equals(probe)).orElse(false)
                && scoped.items().stream().allMatch(r -> r.propertyId().equals("p-2") || r.propertyId().equals("p-5"))
                && !scoped.items().isEmpty();
        out.println("verification " + (ok ? "OK" : "MISMATCH") + ": first page as the baseline's, exact id found first, "
                + "manager's scope respected");
        return ok;
    }

    /**
     * The open accounts of each shared tariff counted from account-projection's rows, of the properties of
     * {@code properties} (a PostgreSQL array literal) only, or of all where null; tariffs without one are left out.
     */
    private static Map<String, Long> openAccounts(Connection c, String properties) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select t.tariff_id, count(a.account_id) from tariff_view t
                left join account_view a on a.tenant_id = t.tenant_id and a.tariff_id = t.tariff_id
                    and a.closed_at is null and (cast(? as varchar[]) is null or exists (select 1 from dashboard_account d
                        where d.tenant_id = a.tenant_id and d.account_id = a.account_id
                          and d.property_id = any(cast(? as varchar[]))))
                where t.tenant_id = ? and t.account_id is null and lower(t.name) like '%shared%'
                group by t.tariff_id order by t.tariff_id""")) {
            s.setString(1, properties);
            s.setString(2, properties);
            s.setString(3, TENANT.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private long[] time(String label, Callable<?> request) throws Exception {
        int n = options.iterations();
        long[] micros = new long[n];
        for (int i = -n / 10; i < n; i++) {
            long t0 = System.nanoTime();
            request.call();
            if (i >= 0) {
                micros[i] = (System.nanoTime() - t0) / 1_000;
            }
        }
        Arrays.sort(micros);
        out.printf(Locale.ROOT, "  %-55s %8.2f  %8.2f  %8.2f%n", label, ReadingBenchmark.percentile(micros, .5),
                ReadingBenchmark.percentile(micros, .99), micros[n - 1] / 1000.0);
        return micros;
    }

    /** Each request's p50 and p99 against the baseline's (the plain-SQL keyset page of the same table). */
    private void ratios(Map<String, long[]> requests, long[] baseline) {
        double p50 = ReadingBenchmark.percentile(baseline, .5);
        double p99 = ReadingBenchmark.percentile(baseline, .99);
        requests.forEach((label, micros) -> out.printf(Locale.ROOT, "  %-64s %6.1f %6.1f%n", label,
                ReadingBenchmark.percentile(micros, .5) / p50, ReadingBenchmark.percentile(micros, .99) / p99));
    }

    /** A row of a list: its id and how many rows in it is, as text. */
    private record Position(String id, String rowsIn) {
    }

    /** The id 51 rows before the end of {@code table}'s id order in the tenant: where the deep cursor starts (untimed). */
    private static Position lastButFifty(PostgresCoordinates db, String table, String id) throws SQLException {
        long rows = scalar(db, "select count(*) from " + table + " where tenant_id = '" + TENANT + "'");
        try (Connection c = connect(db); PreparedStatement q = c.prepareStatement("select " + id + " from " + table
                + " where tenant_id = ? order by " + id + " offset ? limit 1")) {
            q.setString(1, TENANT.value());
            q.setLong(2, rows - 51);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new Position(rs.getString(1), String.format(Locale.ROOT, "%,d", rows - 50));
            }
        }
    }

    /** Baseline of a cursor page: the 50 ids of {@code table} after {@code after}, plain SQL on the owner's connection. */
    private static List<String> after(Connection c, String table, String id, String after) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select " + id + " from " + table + " where tenant_id = ? and "
                + id + " > ? order by " + id + " limit 50")) {
            q.setString(1, TENANT.value());
            q.setString(2, after);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static List<String> firstPage(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "select account_id from dashboard_account where tenant_id = ? order by account_id limit 51")) {
            q.setString(1, TENANT.value());
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** The tenant's account id {@code n} rows into the id order (untimed: where the deep cursor starts). */
    private static String nthAccountId(PostgresCoordinates db, int n) throws SQLException {
        try (Connection c = connect(db); PreparedStatement q = c.prepareStatement(
                "select account_id from dashboard_account where tenant_id = ? order by account_id offset ? limit 1")) {
            q.setString(1, TENANT.value());
            q.setInt(2, n);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Baseline of the cursor page: the 50 account ids after {@code id}, plain SQL on the owner's connection. */
    private static List<String> afterId(Connection c, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select account_id from dashboard_account where tenant_id = ? "
                + "and account_id > ? order by account_id limit 50")) {
            q.setString(1, TENANT.value());
            q.setString(2, id);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static String byId(Connection c, String account) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "select account_id from dashboard_account where tenant_id = ? and account_id = ?")) {
            q.setString(1, TENANT.value());
            q.setString(2, account);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** S accounts of p-0: units, meters, accounts opened 3 h ago, a top-up, one reading each. */
    private void sample(CommandGateway gateway, Registry registry, Instant now) {
        Instant opened = now.minus(Duration.ofHours(3));
        for (int k = 0; k < options.sample(); k++) {
            registry.addUnit(TENANT, new PropertyId("p-0"), new UnitId("su-" + k), "Sample unit " + k);
            MeterId meter = new MeterId("sm-" + k);
            AccountId account = new AccountId("sa-" + k);
            UnitId unit = new UnitId("su-" + k);
            send(gateway, new RegisterMeter(meter, unit, k % 3 == 0 ? Utility.WATER : Utility.ELECTRICITY, "SM-" + k));
            send(gateway, new OpenAccount(account, unit, meter, EUR, OpenAccount.privateTariffOf(account),
                    new FlatTariff(new BigDecimal("100")), opened, BigDecimal.ZERO, Map.of()));
            send(gateway, new RecordTopUp(account, new Money(100_000 + k, EUR), "sample-" + k, 1L));
            send(gateway, new RecordReading(meter, opened.plus(Duration.ofHours(1)), new BigDecimal("2.5")));
        }
    }

    private void awaitSample(PostgresCoordinates db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (scalar(db, "select count(*) from dashboard_account where tenant_id = '" + TENANT
                + "' and balance_minor <> 0") < options.sample()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projections did not catch up with the sample within 10 minutes");
            }
            Thread.sleep(200);
        }
    }

    private void bulk(PostgresCoordinates db, Instant now) throws SQLException {
        int dayOfMonth = LocalDate.ofInstant(now, ZoneOffset.UTC).getDayOfMonth();
        try (Connection c = connect(db)) {
            c.setAutoCommit(false);
            try (PreparedStatement seed = c.prepareStatement(BulkSql.SEED)) {
                seed.setInt(1, options.properties());
                seed.setTimestamp(2, Timestamp.from(now));
                seed.setInt(3, dayOfMonth);
                seed.setInt(4, options.sample());
                seed.setInt(5, options.accounts() - 1);
                seed.execute();
            }
            try (Statement statement = c.createStatement()) {
                for (String sql : BulkSql.STATEMENTS) {
                    statement.execute(sql.replace(":tenant", "'" + TENANT.value() + "'"));
                }
                for (String sql : TARIFFS_AND_GATEWAYS) {
                    statement.execute(sql.replace(":tenant", "'" + TENANT.value() + "'")
                            .replace(":block", Integer.toString(METERS_PER_GATEWAY * options.properties())));
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

    private static void send(CommandGateway gateway, Object command) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MetadataKeys.TENANT,
                TENANT.value(), MetadataKeys.ACTOR, "perf-lists", MetadataKeys.ORIGIN, "system")));
    }
}
