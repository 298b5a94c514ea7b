package com.meterledger.query.meter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.ReconnectLevelReached;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.FindSupplyToReconcile;
import com.meterledger.api.supply.ReachabilitySignal;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyBackOffEnded;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyRetryDeferred;
import com.meterledger.api.supply.SupplyToReconcile;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.account.AccountProjection;
import com.meterledger.query.dashboard.DashboardProjection;
import com.meterledger.query.dashboard.DashboardSettings;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supply reconciler's question against a real PostgreSQL ({@code supply_reconciliation_candidates}, V278), with
 * meter_view and account_view as dashboard-projection and account-projection keep them from the events: a depleted
 * meter whose cut was abandoned unanswered is left out of the answer while its back-off lasts, and named again when
 * the wait is over, when a sign of the meter ends the back-off, or when its account now intends the other action.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class SupplyReconciliationQueryTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant MORNING = Instant.parse("2026-03-14T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");
    private static final Instant NEXT_ATTEMPT = NOON.plus(Duration.ofMinutes(4));
    private static final Instant DURING_THE_WAIT = NEXT_ATTEMPT.minusSeconds(1);

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

    DashboardProjection meters;
    AccountProjection accounts;
    SupplyReconciliationQuery query;
    EventStream events;
    String tenant;
    String flat;
    MeterId lights;
    AccountId account;

    /** A flat's meter, its account depleted, its cut abandoned unanswered and the next one deferred to NEXT_ATTEMPT. */
    @BeforeEach
    void aDepletedMeterWhoseCutWasAbandonedAndIsBackingOff() {
        meters = new DashboardProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build(),
                new DashboardSettings(ZoneId.of("UTC"), 5, 50, Duration.ofMillis(300)));
        accounts = new AccountProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build());
        query = new SupplyReconciliationQuery(jdbc);
        tenant = "tenant-" + UUID.randomUUID();
        String property = "property-" + UUID.randomUUID();
        flat = "unit-" + UUID.randomUUID();
        lights = new MeterId("meter-" + UUID.randomUUID());
        account = new AccountId("account-" + UUID.randomUUID());
        events = new EventStream(tenant);
        registry.addProperty(new TenantId(tenant), new PropertyId(property), "Block A", "1 Harbour Road");
        registry.addUnit(new TenantId(tenant), new PropertyId(property), new UnitId(flat), "Flat 1");
        SupplyCommandId cut = new SupplyCommandId("cut-" + UUID.randomUUID());
        both(List.of(
                events.meter(lights.value(), new MeterRegistered(lights, new UnitId(flat), Utility.ELECTRICITY,
                        "SN-1", MORNING), MORNING),
                events.account(account.value(), new AccountOpened(account, new UnitId(flat), lights, CNY,
                        new TariffId("tariff-1"), MORNING, MORNING, new BigDecimal("100"), LocalDate.of(2026, 3, 14)),
                        MORNING),
                events.account(account.value(), new BalanceDepleted(account, lights, Money.of(0, "CNY"),
                        Money.of(0, "CNY")), NOON),
                events.meter(lights.value(), new SupplyCommandIssued(lights, cut, SupplyAction.CUT,
                        "balance-at-cut-off", 1), NOON)));
        assertThat(named(NOON)).as("a command pending: nothing to ask").isFalse();

        both(List.of(
                events.meter(lights.value(), new SupplyCommandTimedOut(lights, cut, SupplyAction.CUT, 1, false), NOON),
                events.meter(lights.value(), new SupplyRetryDeferred(lights, cut, SupplyAction.CUT, 1, NEXT_ATTEMPT),
                        NOON)));
    }

    @Test
    void aMeterBackingOffIsLeftOutUntilItsWaitIsOver() {
        assertThat(named(NOON)).isFalse();
        assertThat(named(DURING_THE_WAIT)).isFalse();
        assertThat(named(NEXT_ATTEMPT)).isTrue();
        assertThat(named(NEXT_ATTEMPT.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void theGatewaysReturnEndsTheWaitAtOnce() {
        both(List.of(events.meter(lights.value(), new SupplyBackOffEnded(lights,
                ReachabilitySignal.GATEWAY_BACK_ONLINE), NOON)));

        assertThat(named(DURING_THE_WAIT)).isTrue();
    }

    @Test
    void aReadingFromTheMeterEndsTheWaitAtOnce() {
        both(List.of(events.meter(lights.value(), new ReadingRecorded(lights, account, MORNING, NOON,
                new BigDecimal("112.5"), new BigDecimal("12.5"), new TreeMap<>(), Map.of()), NOON)));

        assertThat(named(DURING_THE_WAIT)).isTrue();
    }

    @Test
    void anAccountThatNowIntendsSupplyOnIsNamedAtOnceWhileItsCutIsBackingOff() {
        both(List.of(events.account(account.value(), new ReconnectLevelReached(account, lights,
                Money.of(5_000, "CNY")), NOON)));

        assertThat(named(DURING_THE_WAIT)).as("the relay is in doubt and the account intends RESTORE").isTrue();
    }

    @Test
    void aLaterAbandonmentWaitsAgainUntilItsOwnMoment() {
        both(List.of(
                events.meter(lights.value(), new SupplyBackOffEnded(lights, ReachabilitySignal.LATE_ACKNOWLEDGEMENT),
                        NOON),
                events.meter(lights.value(), new SupplyRetryDeferred(lights, new SupplyCommandId("cut-again"),
                        SupplyAction.CUT, 2, NEXT_ATTEMPT.plus(Duration.ofMinutes(4))), NOON)));

        assertThat(named(NEXT_ATTEMPT)).as("the latest deferral counts").isFalse();
        assertThat(named(NEXT_ATTEMPT.plus(Duration.ofMinutes(4)))).isTrue();
    }

    private void both(List<TrackedEventMessage<?>> batch) {
        processor.handle(meters, batch);
        processor.handle(accounts, batch);
    }

    /** Whether a pass at {@code at} is told about the meter (the other tests' tenants share the database). */
    private boolean named(Instant at) {
        List<SupplyToReconcile> answer = query.handle(new FindSupplyToReconcile(null, 100_000, at));
        return answer.contains(new SupplyToReconcile(new TenantId(tenant), lights));
    }
}
