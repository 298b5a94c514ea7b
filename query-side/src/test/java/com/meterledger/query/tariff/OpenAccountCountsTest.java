package com.meterledger.query.tariff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.TariffAssigned;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tariff.TariffId;
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
 * tariff-projection's open accounts per tariff and property, against a real PostgreSQL, when two segments move
 * accounts between the same two tariffs in opposite directions at the same moment: each batch of one segment moves its
 * accounts from the cheap tariff to the dear one while a batch of the other moves its own the other way. Written as
 * the events came, the two batches locked the two count rows in opposite orders and one failed with "deadlock
 * detected"; now each batch writes its counts last, in one order ({@link OpenAccountCounts}), and every batch commits
 * with the counts exact.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class OpenAccountCountsTest {
    private static final Logger log = LoggerFactory.getLogger(OpenAccountCountsTest.class);
    private static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
    private static final int ACCOUNTS_PER_SEGMENT = 5;
    private static final int ROUNDS = 60;

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
    void oppositeMovesBetweenTwoTariffsInTwoSegmentsAtOnceNeverDeadlockAndKeepTheCountsExact() throws Exception {
        TariffProjection projection = new TariffProjection(jdbc, batches, json);
        String tenant = "tenant-" + UUID.randomUUID();
        String property = "property-" + UUID.randomUUID();
        String unit = "unit-" + UUID.randomUUID();
        TariffId cheap = new TariffId("cheap-" + UUID.randomUUID());
        TariffId dear = new TariffId("dear-" + UUID.randomUUID());
        registry.addProperty(new TenantId(tenant), new PropertyId(property), "Block A", "1 Harbour Road");
        registry.addUnit(new TenantId(tenant), new PropertyId(property), new UnitId(unit), "Flat 1");
        EventStream events = new EventStream(tenant);
        List<AccountId> startCheap = accounts("c");
        List<AccountId> startDear = accounts("d");
        List<TrackedEventMessage<?>> openings = new ArrayList<>();
        startCheap.forEach(account -> openings.add(opened(events, account, unit, cheap)));
        startDear.forEach(account -> openings.add(opened(events, account, unit, dear)));
        processor.handle(projection, openings);
        assertThat(counts(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                cheap.value() + "@" + property, (long) ACCOUNTS_PER_SEGMENT,
                dear.value() + "@" + property, (long) ACCOUNTS_PER_SEGMENT));

        // every round: one segment's batch moves its accounts one way, the other's moves its own the other way
        List<List<TrackedEventMessage<?>>> segmentOne = new ArrayList<>();
        List<List<TrackedEventMessage<?>>> segmentTwo = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean even = round % 2 == 0;
            segmentOne.add(moves(events, startCheap, even ? cheap : dear, even ? dear : cheap));
            segmentTwo.add(moves(events, startDear, even ? dear : cheap, even ? cheap : dear));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService segments = Executors.newFixedThreadPool(2);
        long started = System.nanoTime();
        try {
            Future<List<String>> one = segments.submit(() -> run(projection, segmentOne, together));
            Future<List<String>> two = segments.submit(() -> run(projection, segmentTwo, together));
            List<String> failures = new ArrayList<>(one.get());
            failures.addAll(two.get());
            assertThat(failures).as("batches that failed").isEmpty();
        } finally {
            segments.shutdownNow();
        }
        log.info("{} rounds of opposite moves of {} accounts each in two segments in {} ms", ROUNDS,
                ACCOUNTS_PER_SEGMENT, (System.nanoTime() - started) / 1_000_000);

        // an even number of rounds: every account is back on its first tariff
        assertThat(counts(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                cheap.value() + "@" + property, (long) ACCOUNTS_PER_SEGMENT,
                dear.value() + "@" + property, (long) ACCOUNTS_PER_SEGMENT));
        assertThat(jdbc.sql("select tariff_id, count(*) from tariff_account where tenant_id = ? group by tariff_id")
                .param(tenant).query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                .containsExactlyInAnyOrder(Map.entry(cheap.value(), (long) ACCOUNTS_PER_SEGMENT),
                        Map.entry(dear.value(), (long) ACCOUNTS_PER_SEGMENT));
    }

    @Test
    void anAccountOpenedAndMovedInOneBatchCountsOnceWhereItEnds() {
        TariffProjection projection = new TariffProjection(jdbc, batches, json);
        String tenant = "tenant-" + UUID.randomUUID();
        String unit = "unit-" + UUID.randomUUID();
        TariffId cheap = new TariffId("cheap-" + UUID.randomUUID());
        TariffId dear = new TariffId("dear-" + UUID.randomUUID());
        EventStream events = new EventStream(tenant);
        AccountId account = new AccountId("account-" + UUID.randomUUID());

        processor.handle(projection, List.of(opened(events, account, unit, cheap),
                events.account(account.value(), new TariffAssigned(account, cheap, dear, OPENED, OPENED), OPENED),
                events.account(account.value(), new TariffAssigned(account, dear, cheap, OPENED, OPENED), OPENED),
                events.account(account.value(), new TariffAssigned(account, cheap, dear, OPENED, OPENED), OPENED)));

        // the unit is in no property this projection knows: counted under ''
        assertThat(counts(tenant)).containsExactlyEntriesOf(Map.of(dear.value() + "@", 1L));
    }

    /** Handles a segment's batches in order, each started with the other segment's batch of the same round. */
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

    private static List<AccountId> accounts(String prefix) {
        List<AccountId> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS_PER_SEGMENT; i++) {
            accounts.add(new AccountId(prefix + "-" + i + "-" + UUID.randomUUID()));
        }
        return accounts;
    }

    private static TrackedEventMessage<?> opened(EventStream events, AccountId account, String unit, TariffId tariff) {
        return events.account(account.value(), new AccountOpened(account, new UnitId(unit),
                new MeterId("meter-" + account.value()), Currency.getInstance("CNY"), tariff, OPENED, OPENED,
                BigDecimal.ZERO, LocalDate.of(2026, 3, 2)), OPENED);
    }

    private static List<TrackedEventMessage<?>> moves(EventStream events, List<AccountId> accounts, TariffId from,
                                                      TariffId to) {
        return accounts.stream().<TrackedEventMessage<?>>map(account -> events.account(account.value(),
                new TariffAssigned(account, from, to, OPENED, OPENED), OPENED)).toList();
    }

    /** tariff@property → open accounts, rows of zero left out */
    private Map<String, Long> counts(String tenant) {
        return jdbc.sql("""
                        select tariff_id, property_id, open_accounts from tariff_property_accounts
                        where tenant_id = ? and open_accounts <> 0""")
                .param(tenant)
                .query((rs, row) -> Map.entry(rs.getString(1) + "@" + rs.getString(2), rs.getLong(3)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
