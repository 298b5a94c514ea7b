package com.meterledger.query.tariff;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.OpenAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TariffVersionPublished;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tariff-projection against a real PostgreSQL when two segments handle, at the same moment, accounts opened on their
 * own (private) tariffs whose tariffs' events are in the other segment, as after a bulk import of such accounts or in a
 * rebuild. Two things are locked by both the tariff's and the account's events: the account's private tariff's
 * creation and the account's opening are ordered by an advisory lock, and the private tariff's {@code tariff_view}
 * row is updated by its versions and by the account's opening. Taken in event order, two batches took them in opposite
 * orders and PostgreSQL failed one with "deadlock detected"; taken up front in one order ({@link TariffRowLocks}),
 * every batch commits and every row and count is exact.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class TariffLockOrderTest {
    private static final Logger log = LoggerFactory.getLogger(TariffLockOrderTest.class);
    private static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
    /** Rounds of each kind: creations against openings, then versions against openings. */
    private static final int ROUNDS = 40;

    /**
     * The application names a schedule's variant by core's {@code TariffJsonModule}, which query-side cannot see: the
     * same {@code "kind"} here.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes(@JsonSubTypes.Type(value = TariffSchedule.Flat.class, name = "FLAT"))
    private interface ScheduleKind {
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate batches;
    @Autowired
    ObjectMapper json;
    @Autowired
    Registry registry;
    @Autowired
    ProjectionBatches processor;

    @Test
    void privateTariffsAndTheirAccountsInOppositeSegmentsNeverDeadlockAndEndExact() throws Exception {
        TariffProjection projection = new TariffProjection(jdbc, batches,
                json.copy().addMixIn(TariffSchedule.class, ScheduleKind.class));
        String tenant = "tenant-" + UUID.randomUUID();
        String property = "property-" + UUID.randomUUID();
        String unit = "unit-" + UUID.randomUUID();
        registry.addProperty(new TenantId(tenant), new PropertyId(property), "Block A", "1 Harbour Road");
        registry.addUnit(new TenantId(tenant), new PropertyId(property), new UnitId(unit), "Flat 1");
        EventStream events = new EventStream(tenant);

        // advisory locks: each segment creates one account's private tariff, then opens the other's account
        List<List<TrackedEventMessage<?>>> creationsOne = new ArrayList<>();
        List<List<TrackedEventMessage<?>>> creationsTwo = new ArrayList<>();
        List<AccountId> created = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            AccountId first = account("c1");
            AccountId second = account("c2");
            created.addAll(List.of(first, second));
            creationsOne.add(List.of(tariffCreated(events, first), opened(events, second, unit)));
            creationsTwo.add(List.of(tariffCreated(events, second), opened(events, first, unit)));
        }
        // tariff_view rows: both private tariffs exist; each segment publishes one, then opens the other's account
        List<List<TrackedEventMessage<?>>> versionsOne = new ArrayList<>();
        List<List<TrackedEventMessage<?>>> versionsTwo = new ArrayList<>();
        List<AccountId> published = new ArrayList<>();
        List<TrackedEventMessage<?>> tariffsFirst = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            AccountId first = account("v1");
            AccountId second = account("v2");
            published.addAll(List.of(first, second));
            tariffsFirst.addAll(List.of(tariffCreated(events, first), tariffCreated(events, second)));
            versionsOne.add(List.of(versionPublished(events, first), opened(events, second, unit)));
            versionsTwo.add(List.of(versionPublished(events, second), opened(events, first, unit)));
        }
        processor.handle(projection, tariffsFirst);

        long started = System.nanoTime();
        List<String> creationFailures = inTwoSegments(projection, creationsOne, creationsTwo);
        long creationsMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        List<String> versionFailures = inTwoSegments(projection, versionsOne, versionsTwo);
        log.info("{} rounds of private tariffs created against their accounts' openings in two segments: {} batches "
                        + "failed ({} deadlocks), {} ms; {} rounds of versions published against openings: {} batches "
                        + "failed ({} deadlocks), {} ms",
                ROUNDS, creationFailures.size(), deadlocks(creationFailures), creationsMillis, ROUNDS,
                versionFailures.size(), deadlocks(versionFailures), (System.nanoTime() - started) / 1_000_000);
        assertThat(creationFailures).as("batches that failed: tariffs created against openings").isEmpty();
        assertThat(versionFailures).as("batches that failed: versions published against openings").isEmpty();

        List<AccountId> every = new ArrayList<>(created);
        every.addAll(published);
        for (AccountId account : every) {
            String tariff = OpenAccount.privateTariffOf(account).value();
            assertThat(jdbc.sql("select account_id, property_id from tariff_view where tenant_id = ? and tariff_id = ?")
                    .params(tenant, tariff).query((rs, row) -> rs.getString(1) + "@" + rs.getString(2)).single())
                    .as("the private tariff's row of %s", account).isEqualTo(account.value() + "@" + property);
            assertThat(jdbc.sql("""
                            select tariff_id || '@' || property_id || ':' || open from tariff_account
                            where tenant_id = ? and account_id = ?""")
                    .params(tenant, account.value()).query(String.class).single())
                    .isEqualTo(tariff + "@" + property + ":true");
        }
        assertThat(states(tenant, created)).as("created, never published").containsOnlyKeys("DRAFT 0")
                .containsEntry("DRAFT 0", (long) created.size());
        assertThat(states(tenant, published)).as("published once").containsOnlyKeys("PUBLISHED 1")
                .containsEntry("PUBLISHED 1", (long) published.size());
        assertThat(jdbc.sql("select count(*) from tariff_version_view where tenant_id = ?").param(tenant)
                .query(Long.class).single()).isEqualTo(published.size());
        assertThat(jdbc.sql("""
                        select property_id, count(*), sum(open_accounts), min(open_accounts)
                        from tariff_property_accounts where tenant_id = ? group by property_id""")
                .param(tenant).query((rs, row) -> List.of(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list())
                .as("one open account on each private tariff, in the unit's property")
                .containsExactly(List.of(property, (long) every.size(), (long) every.size(), 1L));
    }

    /** Runs the two segments' batches round by round, each round's two batches started together. */
    private List<String> inTwoSegments(TariffProjection projection, List<List<TrackedEventMessage<?>>> one,
                                       List<List<TrackedEventMessage<?>>> two) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService segments = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> first = segments.submit(() -> run(projection, one, together));
            Future<List<String>> second = segments.submit(() -> run(projection, two, together));
            List<String> failures = new ArrayList<>(first.get());
            failures.addAll(second.get());
            return failures;
        } finally {
            segments.shutdownNow();
        }
    }

    private List<String> run(TariffProjection projection, List<List<TrackedEventMessage<?>>> rounds,
                             CyclicBarrier together) throws Exception {
        List<String> failures = new ArrayList<>();
        for (List<TrackedEventMessage<?>> batch : rounds) {
            together.await();
            try {
                processor.handle(projection, batch);
            } catch (AssertionError e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        return failures;
    }

    private static long deadlocks(List<String> failures) {
        return failures.stream().filter(failure -> failure.contains("deadlock detected")).count();
    }

    /** "state latest_version" → tariffs of these accounts */
    private Map<String, Long> states(String tenant, List<AccountId> accounts) {
        return jdbc.sql("""
                        select state || ' ' || latest_version, count(*) from tariff_view
                        where tenant_id = ? and account_id = any(?) group by 1""")
                .params(tenant, accounts.stream().map(AccountId::value).toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static AccountId account(String prefix) {
        return new AccountId(prefix + "-" + UUID.randomUUID());
    }

    private static TrackedEventMessage<?> tariffCreated(EventStream events, AccountId account) {
        TariffId tariff = OpenAccount.privateTariffOf(account);
        return events.tariff(tariff.value(), new TariffCreated(tariff, OpenAccount.privateTariffName(account),
                Utility.ELECTRICITY, Currency.getInstance("CNY"), ZoneId.of("Asia/Shanghai"), OPENED), OPENED);
    }

    private static TrackedEventMessage<?> versionPublished(EventStream events, AccountId account) {
        TariffId tariff = OpenAccount.privateTariffOf(account);
        return events.tariff(tariff.value(), new TariffVersionPublished(tariff, 1,
                new TariffVersion(OPENED, new TariffSchedule.Flat(new BigDecimal("65")), BigDecimal.ZERO), OPENED),
                OPENED);
    }

    private static TrackedEventMessage<?> opened(EventStream events, AccountId account, String unit) {
        return events.account(account.value(), new AccountOpened(account, new UnitId(unit),
                new MeterId("meter-" + account.value()), Currency.getInstance("CNY"),
                OpenAccount.privateTariffOf(account), OPENED, OPENED, BigDecimal.ZERO, LocalDate.of(2026, 3, 2)),
                OPENED);
    }
}
