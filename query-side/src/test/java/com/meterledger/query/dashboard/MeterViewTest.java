package com.meterledger.query.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.MeterReplaced;
import com.meterledger.api.meter.MeterAttachedToAccount;
import com.meterledger.api.meter.MeterDetachedFromAccount;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.meter.MeterQueries;
import com.meterledger.query.meter.MeterStatus;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.tenantadmin.registry.Registry;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * {@code meter_view} as dashboard-projection keeps it and {@link MeterQueries} reads it, against a real PostgreSQL:
 * readings, supply commands from issue to answer, and a meter replaced under its account. No gateway relays these
 * meters (the gateway registry's query answers empty).
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class MeterViewTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant MORNING = Instant.parse("2026-03-14T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");
    private static final Instant EVENING = Instant.parse("2026-03-14T19:00:00Z");

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
    MeterQueries meters;
    EventStream events;
    String tenant;
    String property;
    String flat;
    MeterId lights;
    AccountId account;

    @BeforeEach
    void aFlatWithAnElectricityMeterAndAnAccountOfATenantOfItsOwn() {
        projection = new DashboardProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build(),
                new DashboardSettings(ZoneId.of("UTC"), 5, 50, Duration.ofMillis(300)));
        QueryGateway noGateways = mock(QueryGateway.class);
        when(noGateways.query(any(), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
        meters = new MeterQueries(jdbc, noGateways, json);
        tenant = "tenant-" + UUID.randomUUID();
        property = "property-" + UUID.randomUUID();
        flat = "unit-" + UUID.randomUUID();
        lights = new MeterId("meter-" + UUID.randomUUID());
        account = new AccountId("account-" + UUID.randomUUID());
        events = new EventStream(tenant);
        registry.addProperty(new TenantId(tenant), new PropertyId(property), "Block A", "1 Harbour Road");
        registry.addUnit(new TenantId(tenant), new PropertyId(property), new UnitId(flat), "Flat 1");
        processor.handle(projection, List.of(
                events.meter(lights.value(), new MeterRegistered(lights, new UnitId(flat), Utility.ELECTRICITY,
                        "SN-1", MORNING), MORNING),
                events.account(account.value(), new AccountOpened(account, new UnitId(flat), lights, CNY,
                        new TariffId("tariff-1"), MORNING, MORNING, new BigDecimal("100"), LocalDate.of(2026, 3, 14)),
                        MORNING)));
    }

    @Test
    void aMeterShowsItsNewestReadingWithItsRegistersWhateverOrderTheReadingsCameIn() {
        processor.handle(projection, List.of(
                events.meter(lights.value(), reading(lights, EVENING, "120", "7.5", Map.of("T1", "80", "T2", "40")),
                        EVENING),
                events.meter(lights.value(), reading(lights, NOON, "112.5", "12.5", Map.of("T1", "75")), NOON)));

        MeterStatus status = status(lights);
        assertThat(status.unitId()).isEqualTo(flat);
        assertThat(status.propertyId()).isEqualTo(property);
        assertThat(status.utility()).isEqualTo(Utility.ELECTRICITY);
        assertThat(status.accountId()).isEqualTo(account.value());
        assertThat(status.lastReadAt()).isEqualTo(EVENING);
        assertThat(status.lastRegister()).isEqualByComparingTo("120");
        assertThat(status.lastRegisters()).containsOnlyKeys("T1", "T2");
        assertThat(status.lastRegisters().get("T2")).isEqualByComparingTo("40");
        assertThat(status.gatewayId()).isNull();
        assertThat(status.online()).isFalse();
    }

    @Test
    void aPendingCutKeepsTheMomentItWasFirstSentThroughItsRetriesUntilTheMeterConfirmsIt() {
        SupplyCommandId cut = new SupplyCommandId("cut-" + UUID.randomUUID());

        processor.handle(projection, List.of(events.meter(lights.value(),
                new SupplyCommandIssued(lights, cut, SupplyAction.CUT, "DEPLETED", 1), NOON)));
        processor.handle(projection, List.of(events.meter(lights.value(),
                new SupplyCommandIssued(lights, cut, SupplyAction.CUT, "DEPLETED", 2), EVENING)));

        MeterStatus pending = status(lights);
        assertThat(pending.pendingCommand()).isEqualTo(new MeterStatus.Pending(cut.value(), "CUT", 2, NOON));
        assertThat(pending.supplyCommanded()).isEqualTo("OFF");
        assertThat(pending.supplyConfirmed()).isEqualTo("ON");
        assertThat(accountSupply()).isEqualTo(new AccountSupply(false, "CUT"));

        processor.handle(projection, List.of(events.meter(lights.value(),
                new SupplyCommandConfirmed(lights, cut, SupplyAction.CUT), EVENING)));

        MeterStatus confirmed = status(lights);
        assertThat(confirmed.pendingCommand()).isNull();
        assertThat(confirmed.supplyConfirmed()).isEqualTo("OFF");
        assertThat(inDoubt(lights)).isFalse();
        assertThat(accountSupply()).isEqualTo(new AccountSupply(true, null));
    }

    @Test
    void aCommandAbandonedUnansweredLeavesTheRelayInDoubtAndOneTheMeterRefusedDoesNot() {
        SupplyCommandId refused = new SupplyCommandId("cut-" + UUID.randomUUID());
        SupplyCommandId unanswered = new SupplyCommandId("cut-" + UUID.randomUUID());

        processor.handle(projection, List.of(
                events.meter(lights.value(), new SupplyCommandIssued(lights, refused, SupplyAction.CUT, "DEPLETED",
                        1), NOON),
                events.meter(lights.value(), new SupplyCommandFailed(lights, refused, SupplyAction.CUT, "relay stuck",
                        1, false), NOON)));

        assertThat(status(lights).pendingCommand()).isNull();
        assertThat(status(lights).supplyCommanded()).isEqualTo("ON");
        assertThat(inDoubt(lights)).isFalse();

        processor.handle(projection, List.of(
                events.meter(lights.value(), new SupplyCommandIssued(lights, unanswered, SupplyAction.CUT,
                        "DEPLETED", 1), EVENING),
                events.meter(lights.value(), new SupplyCommandTimedOut(lights, unanswered, SupplyAction.CUT, 1,
                        false), EVENING)));

        assertThat(status(lights).pendingCommand()).isNull();
        assertThat(status(lights).supplyCommanded()).isEqualTo("ON");
        assertThat(inDoubt(lights)).isTrue();
        assertThat(accountSupply()).isEqualTo(new AccountSupply(false, null));
    }

    @Test
    void aReplacedMeterShowsItsSuccessorAndKeepsItsHistory() {
        MeterId successor = new MeterId("meter-" + UUID.randomUUID());
        SupplyCommandId cut = new SupplyCommandId("cut-" + UUID.randomUUID());
        processor.handle(projection, List.of(
                events.meter(lights.value(), reading(lights, NOON, "112.5", "12.5", Map.of()), NOON),
                events.meter(lights.value(), new SupplyCommandIssued(lights, cut, SupplyAction.CUT, "DEPLETED", 1),
                        NOON),
                events.meter(successor.value(), new MeterRegistered(successor, new UnitId(flat), Utility.ELECTRICITY,
                        "SN-2", NOON), NOON)));

        processor.handle(projection, List.of(
                events.meter(lights.value(), reading(lights, EVENING, "120", "7.5", Map.of()), EVENING),
                events.meter(lights.value(), new MeterDetachedFromAccount(lights, account, EVENING,
                        new BigDecimal("120")), EVENING),
                events.meter(successor.value(), new MeterAttachedToAccount(successor, account, EVENING,
                        BigDecimal.ZERO, Map.of()), EVENING),
                events.account(account.value(), new MeterReplaced(account, lights, EVENING, new BigDecimal("120"),
                        successor, EVENING, BigDecimal.ZERO, false), EVENING)));

        MeterStatus replaced = status(lights);
        assertThat(replaced.accountId()).isNull();
        assertThat(replaced.lastReadAt()).isEqualTo(EVENING);
        assertThat(replaced.lastRegister()).isEqualByComparingTo("120");
        assertThat(replaced.pendingCommand()).as("the old relay's command is still the old meter's")
                .isEqualTo(new MeterStatus.Pending(cut.value(), "CUT", 1, NOON));
        MeterStatus newMeter = status(successor);
        assertThat(newMeter.accountId()).isEqualTo(account.value());
        assertThat(newMeter.propertyId()).isEqualTo(property);
        assertThat(newMeter.pendingCommand()).isNull();
        assertThat(jdbc.sql("select meter_id from dashboard_account where tenant_id = ? and account_id = ?")
                .params(tenant, account.value()).query(String.class).single()).isEqualTo(successor.value());
        assertThat(accountSupply()).as("the account is supplied through the new meter, installed on")
                .isEqualTo(new AccountSupply(false, null));
        assertThat(jdbc.sql("""
                        select trim_scale(quantity)::text from dashboard_meter_month
                        where tenant_id = ? and meter_id = ? and month = '2026-03' and account_id = ?""")
                .params(tenant, lights.value(), account.value()).query(String.class).single())
                .as("the old meter's month still counts for the account").isEqualTo("20");
    }

    private record AccountSupply(boolean off, String pending) {
    }

    private MeterStatus status(MeterId meter) {
        return meters.status(new TenantId(tenant), meter);
    }

    private boolean inDoubt(MeterId meter) {
        return jdbc.sql("select supply_in_doubt from meter_view where tenant_id = ? and meter_id = ?")
                .params(tenant, meter.value()).query(Boolean.class).single();
    }

    private AccountSupply accountSupply() {
        return jdbc.sql("select supply_off, supply_pending from dashboard_account where tenant_id = ? and account_id = ?")
                .params(tenant, account.value())
                .query((rs, n) -> new AccountSupply(rs.getBoolean(1), rs.getString(2)))
                .single();
    }

    private ReadingRecorded reading(MeterId meter, Instant at, String register, String consumption,
                                    Map<String, String> registers) {
        Map<String, BigDecimal> values = new java.util.TreeMap<>();
        registers.forEach((name, value) -> values.put(name, new BigDecimal(value)));
        return new ReadingRecorded(meter, account, MORNING, at, new BigDecimal(register), new BigDecimal(consumption),
                values, Map.of());
    }
}
