package com.meterledger.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.MeterReplaced;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.account.AccountProjection;
import com.meterledger.query.dashboard.DashboardProjection;
import com.meterledger.query.dashboard.DashboardSettings;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.tenantadmin.registry.Registry;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projections' batched writes against a real PostgreSQL when the database refuses one event's row: handed to the
 * projections as the processor with its dead-letter queue hands them ({@link ProjectionBatches#handleWithDeadLetters}),
 * the refused event is set aside alone and every other row is as if it had never come. And the statements' typed rows.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class ProjectionWriteBatchTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant MORNING = Instant.parse("2026-03-14T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");
    /** A register beyond what the tables' registers hold (numeric(15, 3)). */
    private static final BigDecimal TOO_LARGE_REGISTER = new BigDecimal("10000000000000");

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

    EventStream events;
    String tenant;
    AccountId anna;
    AccountId ben;
    MeterId annasMeter;
    MeterId bensMeter;

    @BeforeEach
    void twoAccountsOfATenantOfItsOwn() {
        tenant = "tenant-" + UUID.randomUUID();
        anna = new AccountId("account-" + UUID.randomUUID());
        ben = new AccountId("account-" + UUID.randomUUID());
        annasMeter = new MeterId("meter-" + UUID.randomUUID());
        bensMeter = new MeterId("meter-" + UUID.randomUUID());
        events = new EventStream(tenant);
    }

    record Account(String meterId, long balance, long lastSequence) {
    }

    record Line(long sequence, String kind, long amount, long balanceAfter) {
    }

    @Test
    void aLedgerLineTheDatabaseRefusesIsSetAsideAloneAndTheBatchsOtherRowsCommit() {
        AccountProjection projection = new AccountProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build());
        List<EventMessage<?>> batch = List.of(
                events.account(anna.value(), opened(anna, annasMeter), MORNING),
                events.account(ben.value(), opened(ben, bensMeter), MORNING),
                events.account(anna.value(), new AccountCredited(anna, cny(5_000), "pay-1", 1L, cny(5_000), MORNING),
                        MORNING),
                events.account(ben.value(), new AccountCredited(ben, cny(3_000), "r".repeat(501), 1L, cny(3_000),
                        MORNING), MORNING),
                events.account(anna.value(), charge(anna, annasMeter, 4_250, 750), NOON),
                events.account(ben.value(), charge(ben, bensMeter, 1_000, 2_000), NOON));
        EventMessage<?> refused = batch.get(3);

        List<EventMessage<?>> letters = processor.handleWithDeadLetters(projection, batch);

        assertThat(letters).containsExactly(refused);
        assertThat(account(anna)).isEqualTo(new Account(annasMeter.value(), 750, 2));
        assertThat(lines(anna)).containsExactly(new Line(1, "CREDIT", 5_000, 5_000),
                new Line(2, "CHARGE", -4_250, 750));
        assertThat(account(ben)).as("the charge after the refused credit states its balance")
                .isEqualTo(new Account(bensMeter.value(), 2_000, 2));
        assertThat(lines(ben)).containsExactly(new Line(2, "CHARGE", -1_000, 2_000));

        assertThat(processor.handleWithDeadLetters(projection, batch)).as("the batch delivered again")
                .containsExactly(refused);
        assertThat(account(anna)).isEqualTo(new Account(annasMeter.value(), 750, 2));
        assertThat(lines(anna)).hasSize(2);
        assertThat(account(ben)).isEqualTo(new Account(bensMeter.value(), 2_000, 2));
        assertThat(lines(ben)).hasSize(1);
    }

    @Test
    void aWriteMadeAtOnceThatTheDatabaseRefusesIsRolledBackAloneAndTheRowsCollectedAroundItCommit() {
        AccountProjection projection = new AccountProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build());
        List<EventMessage<?>> batch = List.of(
                events.account(anna.value(), opened(anna, annasMeter), MORNING),
                events.account(anna.value(), new AccountCredited(anna, cny(5_000), "pay-1", 1L, cny(5_000), MORNING),
                        MORNING),
                events.account(anna.value(), new MeterReplaced(anna, annasMeter, NOON, BigDecimal.TEN, bensMeter, NOON,
                        TOO_LARGE_REGISTER, false), NOON),
                events.account(anna.value(), charge(anna, annasMeter, 4_250, 750), NOON));
        EventMessage<?> refused = batch.get(2);

        List<EventMessage<?>> letters = processor.handleWithDeadLetters(projection, batch);

        assertThat(letters).containsExactly(refused);
        assertThat(account(anna)).isEqualTo(new Account(annasMeter.value(), 750, 3));
        assertThat(lines(anna)).containsExactly(new Line(1, "CREDIT", 5_000, 5_000),
                new Line(3, "CHARGE", -4_250, 750));
    }

    @Test
    void aReadingTheDashboardCannotStoreLeavesThePropertysFiguresAsTheOtherEventsMakeThem() {
        String property = "property-" + UUID.randomUUID();
        String flat = "unit-" + UUID.randomUUID();
        registry.addProperty(new TenantId(tenant), new PropertyId(property), "Block A", "1 Harbour Road");
        registry.addUnit(new TenantId(tenant), new PropertyId(property), new UnitId(flat), "Flat 1");
        DashboardProjection projection = new DashboardProjection(jdbc, batches, json,
                SimpleQueryUpdateEmitter.builder().build(),
                new DashboardSettings(ZoneId.of("UTC"), 5, 50, Duration.ofMillis(300)));
        List<EventMessage<?>> batch = List.of(
                events.meter(annasMeter.value(), new MeterRegistered(annasMeter, new UnitId(flat),
                        Utility.ELECTRICITY, "SN-1", MORNING), MORNING),
                events.meter(bensMeter.value(), new MeterRegistered(bensMeter, new UnitId(flat), Utility.WATER,
                        "SN-2", MORNING), MORNING),
                events.account(anna.value(), new AccountOpened(anna, new UnitId(flat), annasMeter, CNY,
                        new TariffId("tariff-1"), MORNING, MORNING, new BigDecimal("100"), LocalDate.of(2026, 3, 14)),
                        MORNING),
                events.account(anna.value(), new AccountCredited(anna, cny(5_000), "pay-1", 1L, cny(5_000), MORNING),
                        MORNING),
                events.meter(bensMeter.value(), new ReadingRecorded(bensMeter, null, MORNING, NOON,
                        TOO_LARGE_REGISTER, new BigDecimal("3"), Map.of(), Map.of()), NOON),
                events.meter(annasMeter.value(), new ReadingRecorded(annasMeter, anna, MORNING, NOON,
                        new BigDecimal("112.5"), new BigDecimal("12.5"), Map.of(), Map.of()), NOON));
        EventMessage<?> refused = batch.get(4);

        List<EventMessage<?>> letters = processor.handleWithDeadLetters(projection, batch);

        assertThat(letters).containsExactly(refused);
        assertThat(jdbc.sql("""
                        select figure, trim_scale(amount)::text from dashboard_figure
                        where tenant_id = ? and property_id = ? and period in ('', '2026-03-14')
                        order by figure""")
                .params(tenant, property)
                .query((rs, n) -> rs.getString(1) + "=" + rs.getString(2)).list())
                .as("counted once, though the batch was written twice")
                .containsExactly("accounts:ACTIVE=1", "consumption:ELECTRICITY=12.5", "credits:CNY=5000", "meters=2");
        assertThat(jdbc.sql("select meter_id, last_register from meter_view where tenant_id = ? order by meter_id")
                .param(tenant).query((rs, n) -> rs.getString(1) + "=" + rs.getBigDecimal(2)).list())
                .containsExactlyInAnyOrder(annasMeter.value() + "=112.500", bensMeter.value() + "=null");
    }

    record Line2(String accountId, long amount) {
    }

    @Test
    void aStatementNamingAComponentItsRowLacksIsRefusedWhenItIsMade() {
        assertThatThrownBy(() -> ProjectionWriteBatch.Statement.perRow(Line2.class,
                "insert into t (account_id, amount) values (:accountId, :amountMinor)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amountMinor");
    }

    @Test
    void aStatementBindsItsRowsComponentsByNameAndLeavesCastsAlone() {
        assertThat(ProjectionWriteBatch.Statement.perRow(Line2.class,
                "insert into t (amount, account_id) values (:amount::bigint, cast(:accountId as text))"))
                .hasToString("insert into t (amount, account_id) values (?::bigint, cast(? as text))");
    }

    /** A projection of two events, only one of them marked. */
    static final class TwoHandlers {
        @EventHandler
        @CollectedWrites
        void on(AccountCredited event) {
        }

        @EventHandler
        void on(MeterReplaced event) {
        }
    }

    static final class AMarkWithoutAHandler {
        @CollectedWrites
        void on(AccountCredited event) {
        }
    }

    @Test
    void onlyTheEventsOfHandlersMarkedCollectedWritesAreCollected() {
        ProjectionWriteBatch.Writes writes = new ProjectionWriteBatch.Writes(batches, "test", TwoHandlers.class);

        assertThat(writes.collects(AccountCredited.class)).isTrue();
        assertThat(writes.collects(MeterReplaced.class)).isFalse();
        assertThatThrownBy(() -> new ProjectionWriteBatch.Writes(batches, "test", AMarkWithoutAHandler.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handles no event");
    }

    private static AccountOpened opened(AccountId account, MeterId meter) {
        return new AccountOpened(account, new UnitId("unit-1"), meter, CNY, new TariffId("tariff-1"), MORNING,
                MORNING, BigDecimal.ZERO, LocalDate.of(2026, 3, 14));
    }

    private static ConsumptionCharged charge(AccountId account, MeterId meter, long amount, long balanceAfter) {
        return new ConsumptionCharged(account, meter, new TariffId("tariff-1"), MORNING, NOON, BigDecimal.ONE,
                Map.of(), List.of(), BigDecimal.valueOf(amount, 2), cny(amount), BigDecimal.ZERO, null, null,
                cny(balanceAfter));
    }

    private static Money cny(long minorUnits) {
        return new Money(minorUnits, CNY);
    }

    private Account account(AccountId account) {
        return jdbc.sql("select meter_id, balance_minor, last_sequence from account_view where account_id = ?")
                .param(account.value())
                .query((rs, n) -> new Account(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    private List<Line> lines(AccountId account) {
        return jdbc.sql("""
                        select sequence_number, kind, amount_minor, balance_after_minor from account_ledger_line
                        where account_id = ? order by sequence_number""")
                .param(account.value())
                .query((rs, n) -> new Line(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
