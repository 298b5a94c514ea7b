package com.meterledger.query.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.meter.MeterDetachedFromAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.report.PeriodReports;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A cut held by the tenant's friendly window as dashboard-projection keeps it in {@code meter_view} and the dashboard,
 * and the account page read it, against a real PostgreSQL: held from the first deferring decision,
 * ended by any later decision or command, in one batch as well as across batches.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class CutHeldByFriendlyWindowTest {
    private static final Instant MORNING = Instant.parse("2026-03-14T07:00:00Z");
    private static final Instant NIGHT = Instant.parse("2026-03-14T21:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-14T23:00:00Z");
    private static final Instant NEXT_MORNING = Instant.parse("2026-03-15T08:00:00Z");

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

    DashboardProjection projection;
    DashboardQueries dashboards;
    EventStream events;
    TenantId tenant;
    String property;
    MeterId lights;
    AccountId account;

    @BeforeEach
    void aFlatWithAMeterAndAnAccountOfATenantOfItsOwn() {
        DashboardSettings settings = new DashboardSettings(ZoneId.of("UTC"), 5, 50, Duration.ofMillis(300));
        projection = new DashboardProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build(),
                settings);
        QueryGateway noGateways = mock(QueryGateway.class);
        when(noGateways.query(any(), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(List.of()));
        dashboards = new DashboardQueries(jdbc, noGateways, new PeriodReports(jdbc), settings,
                TenantZones.fixed(settings.zone()));
        tenant = new TenantId("tenant-" + UUID.randomUUID());
        property = "property-" + UUID.randomUUID();
        String flat = "unit-" + UUID.randomUUID();
        lights = new MeterId("meter-" + UUID.randomUUID());
        account = new AccountId("account-" + UUID.randomUUID());
        events = new EventStream(tenant.value());
        registry.addProperty(tenant, new PropertyId(property), "Block A", "1 Harbour Road");
        registry.addUnit(tenant, new PropertyId(property), new UnitId(flat), "Flat 1");
        processor.handle(projection, List.of(
                events.meter(lights.value(), new MeterRegistered(lights, new UnitId(flat), Utility.ELECTRICITY,
                        "SN-1", MORNING), MORNING),
                events.account(account.value(), new AccountOpened(account, new UnitId(flat), lights,
                        Currency.getInstance("CNY"), new TariffId("tariff-1"), MORNING, MORNING,
                        new BigDecimal("100"), LocalDate.of(2026, 3, 14)), MORNING)));
    }

    @Test
    void aDeferredCutIsHeldFromItsFirstDeferralUntilTheCutIsSent() {
        processor.handle(projection, List.of(decision(SupplyDecision.DEFER, "friendly-window", NIGHT)));
        processor.handle(projection, List.of(decision(SupplyDecision.DEFER, "friendly-window", LATER)));

        assertThat(heldSince()).as("a second deferral keeps the moment the hold began").contains(NIGHT);
        assertThat(dashboards.dashboard(tenant, new PropertyId(property)).heldCuts())
                .containsExactly(new PropertyDashboard.HeldCut(lights.value(), account.value(), NIGHT));

        processor.handle(projection, List.of(
                decision(SupplyDecision.CUT, "balance-at-cut-off", NEXT_MORNING),
                events.meter(lights.value(), new SupplyCommandIssued(lights,
                        new SupplyCommandId("cut-" + UUID.randomUUID()), SupplyAction.CUT, "balance-at-cut-off", 1),
                        NEXT_MORNING)));

        assertThat(heldSince()).isEmpty();
        assertThat(dashboards.dashboard(tenant, new PropertyId(property)).heldCuts()).isEmpty();
    }

    @Test
    void aCommandSentWithoutADecisionOfItsOwnEndsTheHoldToo() {
        processor.handle(projection, List.of(decision(SupplyDecision.DEFER, "friendly-window", NIGHT)));
        processor.handle(projection, List.of(events.meter(lights.value(), new SupplyCommandIssued(lights,
                new SupplyCommandId("cut-" + UUID.randomUUID()), SupplyAction.CUT, "tamper suspected", 1), LATER)));

        assertThat(heldSince()).isEmpty();
    }

    @Test
    void withinOneBatchAHoldEndedAndBegunAgainCountsFromItsNewStart() {
        processor.handle(projection, List.of(decision(SupplyDecision.DEFER, "friendly-window", MORNING)));
        processor.handle(projection, List.of(
                decision(SupplyDecision.DEFER, "friendly-window", NIGHT),
                decision(SupplyDecision.RESTORE, "top-up-above-reconnect-level", NIGHT),
                decision(SupplyDecision.DEFER, "friendly-window", LATER),
                decision(SupplyDecision.DEFER, "friendly-window", NEXT_MORNING)));

        assertThat(heldSince()).contains(LATER);
    }

    @Test
    void keepOnProtectionIsNoHoldOfTheFriendlyWindowAndEndsOne() {
        processor.handle(projection, List.of(decision(SupplyDecision.KEEP_ON, "keep-on-protection", MORNING)));
        assertThat(heldSince()).isEmpty();

        processor.handle(projection, List.of(
                decision(SupplyDecision.DEFER, "friendly-window", NIGHT),
                decision(SupplyDecision.KEEP_ON, "keep-on-protection", LATER)));
        assertThat(heldSince()).isEmpty();
    }

    @Test
    void aMeterDetachedFromItsAccountHoldsNoCutOfIt() {
        processor.handle(projection, List.of(decision(SupplyDecision.DEFER, "friendly-window", NIGHT)));
        processor.handle(projection, List.of(events.meter(lights.value(), new MeterDetachedFromAccount(lights,
                account, LATER, new BigDecimal("120")), LATER)));

        assertThat(heldSince()).isEmpty();
        assertThat(jdbc.sql("select cut_held_since from meter_view where tenant_id = ? and meter_id = ?")
                .params(tenant.value(), lights.value()).query(Instant.class).optional()).isEmpty();
    }

    private TrackedEventMessage<?> decision(SupplyDecision decision, String rule, Instant at) {
        return events.meter(lights.value(), new SupplyDecisionRecorded(lights, account, decision, rule, "test"), at);
    }

    private Optional<Instant> heldSince() {
        return dashboards.cutHeldSince(tenant, account.value());
    }
}
