package com.meterledger.query.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Clock;
import java.util.Currency;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * dashboard-projection against a real PostgreSQL: a property of the registry (tenant-admin's {@link Registry}), its
 * meters' and accounts' events handed to the projection as its processor hands them ({@link ProjectionBatches}), and
 * the property's figures, accounts and meters read back as the tables' owner.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class DashboardProjectionTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant MORNING = Instant.parse("2026-03-14T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");
    private static final String DAY = "2026-03-14";
    private static final String MONTH = "2026-03";

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
    EventStream events;
    String tenant;
    String property;
    String flat1;
    String flat2;
    String lightsOfFlat1;
    String waterOfFlat2;
    String accountOfFlat1;
    String accountOfFlat2;
    SupplyCommandId cut;

    record AccountRow(long balance, int warningLevel, boolean depleted, boolean supplyOff, String supplyPending,
                      String state) {
    }

    record MeterRow(String propertyId, String accountId, String supplyConfirmed, String pendingAction,
                    String pendingCommandId, BigDecimal lastRegister) {
    }

    @BeforeEach
    void aPropertyWithTwoFlatsOfATenantOfItsOwn() {
        projection = new DashboardProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build(),
                new DashboardSettings(ZoneId.of("UTC"), 5, 50, Duration.ofMillis(300)));
        tenant = "tenant-" + UUID.randomUUID();
        property = "property-" + UUID.randomUUID();
        flat1 = "unit-" + UUID.randomUUID();
        flat2 = "unit-" + UUID.randomUUID();
        lightsOfFlat1 = "meter-" + UUID.randomUUID();
        waterOfFlat2 = "meter-" + UUID.randomUUID();
        accountOfFlat1 = "account-" + UUID.randomUUID();
        accountOfFlat2 = "account-" + UUID.randomUUID();
        cut = new SupplyCommandId("cut-" + UUID.randomUUID());
        events = new EventStream(tenant);
        registry.addProperty(new TenantId(tenant), new PropertyId(property), "Block A", "1 Harbour Road");
        registry.addUnit(new TenantId(tenant), new PropertyId(property), new UnitId(flat1), "Flat 1");
        registry.addUnit(new TenantId(tenant), new PropertyId(property), new UnitId(flat2), "Flat 2");
    }

    @Test
    void aDaysMetersAccountsReadingsAndMoneyMakeTheDaysFiguresAndTheAccountsStates() {
        processor.handle(projection, aDay());

        assertThat(figures(DAY)).containsOnly(entry("credits:CNY", "6000"), entry("charges:CNY", "5250"),
                entry("consumption:ELECTRICITY", "12.5"), entry("consumption:WATER", "10"));
        assertThat(figures(MONTH)).isEqualTo(figures(DAY));
        assertThat(figures(Figures.CURRENT)).containsOnly(entry("meters", "2"),
                entry("accounts:ACTIVE", "0"), entry("accounts:LOW", "1"), entry("accounts:DEPLETED", "1"));
        assertThat(account(accountOfFlat1)).isEqualTo(new AccountRow(750, 1, false, false, null, "LOW"));
        assertThat(account(accountOfFlat2)).isEqualTo(new AccountRow(0, 0, true, false, null, "DEPLETED"));
        assertThat(meter(lightsOfFlat1)).isEqualTo(new MeterRow(property, accountOfFlat1, "ON", null, null,
                new BigDecimal("112.500")));
    }

    @Test
    void theTenantsOwnTimeZoneDecidesTheDayItsReadingsAndMoneyCountIn() {
        // given a tenant whose clock runs fourteen hours ahead of UTC: noon UTC is two in the night of the next day
        projection = new DashboardProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build(),
                new DashboardSettings(ZoneId.of("UTC"), 5, 50, Duration.ofMillis(300)),
                new TenantZones(asked -> asked.equals(tenant) ? Optional.of(ZoneId.of("Pacific/Kiritimati"))
                        : Optional.empty(), ZoneId.of("UTC"), Clock.systemUTC()));

        // when its morning's credits (07:00 UTC, 21:00 there) and noon's readings and charges are counted
        processor.handle(projection, aDay());

        // then the credits are the 14th's and the readings and charges the 15th's, in the same month
        assertThat(figures(DAY)).containsOnly(entry("credits:CNY", "6000"));
        assertThat(figures("2026-03-15")).containsOnly(entry("charges:CNY", "5250"),
                entry("consumption:ELECTRICITY", "12.5"), entry("consumption:WATER", "10"));
        assertThat(figures(MONTH)).containsOnly(entry("credits:CNY", "6000"), entry("charges:CNY", "5250"),
                entry("consumption:ELECTRICITY", "12.5"), entry("consumption:WATER", "10"));
    }

    @Test
    void aPendingCutLeavesTheAccountDepletedAndItsConfirmationCountsItCut() {
        processor.handle(projection, aDay());

        processor.handle(projection, List.of(events.meter(waterOfFlat2,
                new SupplyCommandIssued(new MeterId(waterOfFlat2), cut, SupplyAction.CUT, "DEPLETED", 1), NOON)));

        assertThat(meter(waterOfFlat2)).isEqualTo(new MeterRow(property, accountOfFlat2, "ON", "CUT",
                cut.value(), new BigDecimal("60.000")));
        assertThat(account(accountOfFlat2)).isEqualTo(new AccountRow(0, 0, true, false, "CUT", "DEPLETED"));
        assertThat(figures(Figures.CURRENT)).containsOnly(entry("meters", "2"),
                entry("accounts:ACTIVE", "0"), entry("accounts:LOW", "1"), entry("accounts:DEPLETED", "1"));

        processor.handle(projection, List.of(events.meter(waterOfFlat2,
                new SupplyCommandConfirmed(new MeterId(waterOfFlat2), cut, SupplyAction.CUT), NOON)));

        assertThat(meter(waterOfFlat2)).isEqualTo(new MeterRow(property, accountOfFlat2, "OFF", null, null,
                new BigDecimal("60.000")));
        assertThat(account(accountOfFlat2)).isEqualTo(new AccountRow(0, 0, true, true, null, "CUT"));
        assertThat(figures(Figures.CURRENT)).containsOnly(entry("meters", "2"),
                entry("accounts:ACTIVE", "0"), entry("accounts:LOW", "1"), entry("accounts:DEPLETED", "0"),
                entry("accounts:CUT", "1"));
        assertThat(figures(DAY)).containsEntry("charges:CNY", "5250").containsEntry("credits:CNY", "6000");
    }

    @Test
    void eventsHandledEachInABatchOfItsOwnMakeTheSameFiguresAsOneBatch() {
        processor.handleOneByOne(projection, aDay());

        assertThat(figures(DAY)).containsOnly(entry("credits:CNY", "6000"), entry("charges:CNY", "5250"),
                entry("consumption:ELECTRICITY", "12.5"), entry("consumption:WATER", "10"));
        assertThat(figures(Figures.CURRENT)).containsOnly(entry("meters", "2"),
                entry("accounts:ACTIVE", "0"), entry("accounts:LOW", "1"), entry("accounts:DEPLETED", "1"));
        assertThat(account(accountOfFlat1)).isEqualTo(new AccountRow(750, 1, false, false, null, "LOW"));
        assertThat(account(accountOfFlat2)).isEqualTo(new AccountRow(0, 0, true, false, null, "DEPLETED"));
    }

    @Test
    void anAccountsRowKeepsItsMetersLastReadingTimeForTheSupplyOffListsOwnIndex() {
        // given the day's readings at noon, handled in one batch
        processor.handle(projection, aDay());
        assertThat(lastReadAt(accountOfFlat1)).isEqualTo(meterLastReadAt(lightsOfFlat1)).isEqualTo(NOON);

        // when Flat 1's lights are read again in the evening, and then a reading of the morning arrives late
        Instant evening = Instant.parse("2026-03-14T19:00:00Z");
        processor.handle(projection, List.of(events.meter(lightsOfFlat1, new ReadingRecorded(
                new MeterId(lightsOfFlat1), new AccountId(accountOfFlat1), NOON, evening, new BigDecimal("113"),
                new BigDecimal("0.5"), Map.of(), Map.of()), evening)));
        processor.handle(projection, List.of(events.meter(lightsOfFlat1, new ReadingRecorded(
                new MeterId(lightsOfFlat1), new AccountId(accountOfFlat1), MORNING, MORNING, new BigDecimal("100"),
                BigDecimal.ZERO, Map.of(), Map.of()), MORNING)));

        // then the account's row says the evening, as its meter's does, and the other account keeps noon
        assertThat(lastReadAt(accountOfFlat1)).isEqualTo(meterLastReadAt(lightsOfFlat1)).isEqualTo(evening);
        assertThat(lastReadAt(accountOfFlat2)).isEqualTo(NOON);
    }

    @Test
    void anAccountOpenedAndReadEachEventInABatchOfItsOwnKeepsTheMetersLastReadingTime() {
        processor.handleOneByOne(projection, aDay());

        assertThat(lastReadAt(accountOfFlat1)).isEqualTo(NOON);
        assertThat(lastReadAt(accountOfFlat2)).isEqualTo(meterLastReadAt(waterOfFlat2)).isEqualTo(NOON);
    }

    /**
     * Flat 1's electricity meter and Flat 2's water meter registered and opened; 50.00 and 10.00 topped up; 12.5 kWh
     * charged 42.50 (Flat 1 warned at 7.50), 10 m3 charged 10.00 (Flat 2 depleted at 0).
     */
    private List<EventMessage<?>> aDay() {
        MeterId lights = new MeterId(lightsOfFlat1);
        MeterId water = new MeterId(waterOfFlat2);
        AccountId account1 = new AccountId(accountOfFlat1);
        AccountId account2 = new AccountId(accountOfFlat2);
        return List.of(
                events.meter(lightsOfFlat1, new MeterRegistered(lights, new UnitId(flat1), Utility.ELECTRICITY,
                        "SN-1", MORNING), MORNING),
                events.meter(waterOfFlat2, new MeterRegistered(water, new UnitId(flat2), Utility.WATER, "SN-2",
                        MORNING), MORNING),
                events.account(accountOfFlat1, opened(account1, flat1, lights, "100"), MORNING),
                events.account(accountOfFlat2, opened(account2, flat2, water, "50"), MORNING),
                events.account(accountOfFlat1, new AccountCredited(account1, cny(5000), "pay-1", 1L, cny(5000),
                        MORNING), MORNING),
                events.account(accountOfFlat2, new AccountCredited(account2, cny(1000), "pay-2", 1L, cny(1000),
                        MORNING), MORNING),
                events.meter(lightsOfFlat1, reading(lights, account1, "112.5", "12.5"), NOON),
                events.account(accountOfFlat1, charge(account1, lights, "12.5", 4250, 750), NOON),
                events.account(accountOfFlat1, new LowBalanceWarningReached(account1, 1, cny(750), cny(1000)), NOON),
                events.meter(waterOfFlat2, reading(water, account2, "60", "10"), NOON),
                events.account(accountOfFlat2, charge(account2, water, "10", 1000, 0), NOON),
                events.account(accountOfFlat2, new BalanceDepleted(account2, water, cny(0), cny(0)), NOON));
    }

    private static AccountOpened opened(AccountId account, String unit, MeterId meter, String register) {
        return new AccountOpened(account, new UnitId(unit), meter, CNY, new TariffId("tariff-1"), MORNING, MORNING,
                new BigDecimal(register), LocalDate.of(2026, 3, 14));
    }

    private static ReadingRecorded reading(MeterId meter, AccountId account, String register, String consumption) {
        return new ReadingRecorded(meter, account, MORNING, NOON, new BigDecimal(register),
                new BigDecimal(consumption), Map.of(), Map.of());
    }

    private static ConsumptionCharged charge(AccountId account, MeterId meter, String quantity, long amount,
                                             long balanceAfter) {
        return new ConsumptionCharged(account, meter, new TariffId("tariff-1"), MORNING, NOON,
                new BigDecimal(quantity), Map.of(), List.of(), BigDecimal.valueOf(amount, 2), cny(amount),
                BigDecimal.ZERO, null, null, cny(balanceAfter));
    }

    private static Money cny(long minorUnits) {
        return new Money(minorUnits, CNY);
    }

    /** The property's figures of a period, as exact decimals without trailing zeros. */
    private Map<String, String> figures(String period) {
        Map<String, String> figures = new LinkedHashMap<>();
        jdbc.sql("""
                        select figure, trim_scale(amount)::text from dashboard_figure
                        where tenant_id = ? and property_id = ? and period = ?""")
                .params(tenant, property, period)
                .query(rs -> {
                    figures.put(rs.getString(1), rs.getString(2));
                });
        return figures;
    }

    private AccountRow account(String accountId) {
        return jdbc.sql("""
                        select balance_minor, warning_level, depleted, supply_off, supply_pending, state
                        from dashboard_account where tenant_id = ? and account_id = ?""")
                .params(tenant, accountId)
                .query((rs, n) -> new AccountRow(rs.getLong(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getString(5), rs.getString(6)))
                .single();
    }

    private Instant lastReadAt(String accountId) {
        return jdbc.sql("select last_read_at from dashboard_account where tenant_id = ? and account_id = ?")
                .params(tenant, accountId).query(Timestamp.class).single().toInstant();
    }

    private Instant meterLastReadAt(String meterId) {
        return jdbc.sql("select last_read_at from meter_view where tenant_id = ? and meter_id = ?")
                .params(tenant, meterId).query(Timestamp.class).single().toInstant();
    }

    private MeterRow meter(String meterId) {
        return jdbc.sql("""
                        select property_id, account_id, supply_confirmed, pending_action, pending_command_id,
                            last_register
                        from meter_view where tenant_id = ? and meter_id = ?""")
                .params(tenant, meterId)
                .query((rs, n) -> new MeterRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6)))
                .single();
    }
}
