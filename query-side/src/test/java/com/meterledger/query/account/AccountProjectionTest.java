package com.meterledger.query.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.BalanceRefunded;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.account.DebtRegistered;
import com.meterledger.api.account.LowBalanceWarningReached;
import com.meterledger.api.account.ReconnectLevelReached;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandIssued;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.api.shared.TenantId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * account-projection against a real PostgreSQL: events handed to it as its processor hands them (a batch in one
 * transaction, see {@link ProjectionBatches}), the account's rows read back as the tables' owner.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class AccountProjectionTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant OPENED = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant TOPPED_UP = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant READ = Instant.parse("2026-03-03T00:00:00Z");
    private static final Instant REFUNDED = Instant.parse("2026-03-04T10:00:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate batches;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProjectionBatches processor;

    AccountProjection projection;
    EventStream events;
    String tenant;
    String account;
    String meter;

    record AccountRow(long balance, long debt, long lastSequence, int warningLevel, boolean depleted,
                      String supplyState, String pendingCommand, Instant closedAt, Instant lastReadAt,
                      BigDecimal lastRegister, String tariffId) {
    }

    record LedgerLine(long sequence, String kind, long amount, long balanceAfter, String reference,
                      BigDecimal quantity) {
    }

    record RegisterLine(Instant readAt, BigDecimal register, BigDecimal consumption, boolean opening) {
    }

    @BeforeEach
    void anAccountOfATenantOfItsOwn() {
        projection = new AccountProjection(jdbc, batches, json, SimpleQueryUpdateEmitter.builder().build());
        tenant = "tenant-" + UUID.randomUUID();
        account = "account-" + UUID.randomUUID();
        meter = "meter-" + UUID.randomUUID();
        events = new EventStream(tenant);
    }

    @Test
    void anOpenedAccountCreditedChargedAndRefundedHoldsTheBalanceDebtStateAndLinesOfItsEvents() {
        processor.handle(projection, aMonth());

        assertThat(account()).isEqualTo(new AccountRow(250, 300, 4, 1, false, "ON", null, null, READ,
                new BigDecimal("112.500"), "tariff-1"));
        assertThat(ledger()).containsExactly(
                new LedgerLine(1, "CREDIT", 5000, 5000, "pay-1", null),
                new LedgerLine(2, "CHARGE", -4250, 750, null, new BigDecimal("12.500")),
                new LedgerLine(4, "REFUND", -500, 250, "moved out early", null));
        assertThat(registers()).containsExactly(
                new RegisterLine(OPENED, new BigDecimal("100.000"), new BigDecimal("0.000"), true),
                new RegisterLine(READ, new BigDecimal("112.500"), new BigDecimal("12.500"), false));
    }

    @Test
    void eventsHandledEachInABatchOfItsOwnLeaveTheSameRowsAsOneBatch() {
        processor.handleOneByOne(projection, aMonth());

        assertThat(account()).isEqualTo(new AccountRow(250, 300, 4, 1, false, "ON", null, null, READ,
                new BigDecimal("112.500"), "tariff-1"));
        assertThat(ledger()).extracting(LedgerLine::sequence).containsExactly(1L, 2L, 4L);
        assertThat(registers()).hasSize(2);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        List<EventMessage<?>> month = aMonth();
        processor.handle(projection, month);
        AccountRow before = account();
        List<LedgerLine> linesBefore = ledger();
        List<RegisterLine> registersBefore = registers();

        // the credit (sequence 1) and the reading again, after the refund: as a processor retrying from an older token
        processor.handle(projection, List.of(month.get(1), month.get(2)));

        assertThat(account()).as("the older credit neither sets the balance nor clears the newer warning")
                .isEqualTo(before);
        assertThat(ledger()).isEqualTo(linesBefore);
        assertThat(registers()).isEqualTo(registersBefore);

        // the whole month again, in one batch with itself
        List<EventMessage<?>> twice = new ArrayList<>(month);
        twice.addAll(month);
        processor.handle(projection, twice);

        assertThat(account()).isEqualTo(before);
        assertThat(ledger()).isEqualTo(linesBefore);
        assertThat(registers()).isEqualTo(registersBefore);
    }

    @Test
    void aDepletedAccountIsCutWhenTheMeterConfirmsAndAToppedUpOneIsNoLongerDepleted() {
        SupplyCommandId cut = new SupplyCommandId("cut-" + UUID.randomUUID());
        processor.handle(projection, List.of(
                opened(),
                events.account(account, credit(1000, 1000, "pay-1", TOPPED_UP), TOPPED_UP),
                events.account(account, charge(1000, 0), READ),
                events.account(account, new BalanceDepleted(id(), meterId(), cny(0), cny(0)), READ)));

        assertThat(account()).extracting(AccountRow::balance, AccountRow::depleted, AccountRow::supplyState,
                AccountRow::pendingCommand).containsExactly(0L, true, "ON", null);

        processor.handle(projection, List.of(
                events.meter(meter, new SupplyCommandIssued(meterId(), cut, SupplyAction.CUT, "DEPLETED", 1), READ)));
        assertThat(account()).extracting(AccountRow::supplyState, AccountRow::pendingCommand)
                .containsExactly("ON", "CUT");

        processor.handle(projection, List.of(
                events.meter(meter, new SupplyCommandConfirmed(meterId(), cut, SupplyAction.CUT), READ),
                events.account(account, credit(2000, 2000, "pay-2", REFUNDED), REFUNDED),
                events.account(account, new ReconnectLevelReached(id(), meterId(), cny(2000)), REFUNDED)));
        assertThat(account()).extracting(AccountRow::balance, AccountRow::depleted, AccountRow::supplyState,
                AccountRow::pendingCommand, AccountRow::lastSequence).containsExactly(2000L, false, "OFF", null, 4L);
    }

    @Test
    void aLiveSubscriberOfTheAccountHearsOncePerBatchAndOnlyOnceItsRowIsWritten() {
        // given a subscriber of this account (the occupant portal) and one of another account of the same tenant
        SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new AccountProjection(jdbc, batches, json, emitter);
        List<String> heard = new CopyOnWriteArrayList<>();
        subscribe(emitter, account, meter).subscribe(change -> heard.add(account().balance() + " "
                + account().pendingCommand()));
        List<AccountChanged> elsewhere = new CopyOnWriteArrayList<>();
        subscribe(emitter, "account-" + UUID.randomUUID(), "meter-" + UUID.randomUUID()).subscribe(elsewhere::add);

        // when a month of the account's events comes in one batch, and then a cut is sent to its meter
        processor.handle(projection, aMonth());
        processor.handle(projection, List.of(events.meter(meter, new SupplyCommandIssued(meterId(),
                new SupplyCommandId("cut-" + UUID.randomUUID()), SupplyAction.CUT, "DEPLETED", 1), READ)));

        // then it heard once per batch, each time with the row as the batch left it; the other account heard nothing
        assertThat(heard).containsExactly("250 null", "250 CUT");
        assertThat(elsewhere).isEmpty();
    }

    private reactor.core.publisher.Flux<AccountChanged> subscribe(SimpleQueryUpdateEmitter emitter, String accountId,
                                                                  String meterId) {
        return emitter.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                new AccountChangesQuery(new TenantId(tenant), accountId, meterId),
                ResponseTypes.instanceOf(AccountChanged.class), ResponseTypes.instanceOf(AccountChanged.class)), 16)
                .getUpdates().map(update -> (AccountChanged) update.getPayload());
    }

    /** Opened with a register of 100, topped up by 50.00, charged 42.50 for 12.5, warned, 5.00 refunded, 3.00 owed. */
    private List<EventMessage<?>> aMonth() {
        return List.of(
                opened(),
                events.account(account, credit(5000, 5000, "pay-1", TOPPED_UP), TOPPED_UP),
                events.meter(meter, new ReadingRecorded(meterId(), id(), OPENED, READ, new BigDecimal("112.5"),
                        new BigDecimal("12.5"), Map.of(), Map.of()), READ),
                events.account(account, charge(4250, 750), READ),
                events.account(account, new LowBalanceWarningReached(id(), 1, cny(750), cny(1000)), READ),
                events.account(account, new BalanceRefunded(id(), cny(500), "moved out early", cny(250)), REFUNDED),
                events.account(account, new DebtRegistered(id(), cny(300), "arrears of the last occupant", cny(300)),
                        REFUNDED));
    }

    private EventMessage<?> opened() {
        return events.account(account, new AccountOpened(id(), new UnitId("unit-1"), meterId(), CNY,
                new TariffId("tariff-1"), OPENED, OPENED, new BigDecimal("100"), LocalDate.of(2026, 3, 2)), OPENED);
    }

    private AccountCredited credit(long amount, long balanceAfter, String reference, Instant at) {
        return new AccountCredited(id(), cny(amount), reference, 1L, cny(balanceAfter), at);
    }

    private ConsumptionCharged charge(long amount, long balanceAfter) {
        return new ConsumptionCharged(id(), meterId(), new TariffId("tariff-1"), OPENED, READ,
                new BigDecimal("12.5"), Map.of(), List.of(), BigDecimal.valueOf(amount, 2), cny(amount),
                BigDecimal.ZERO, null, null, cny(balanceAfter));
    }

    private AccountId id() {
        return new AccountId(account);
    }

    private MeterId meterId() {
        return new MeterId(meter);
    }

    private static Money cny(long minorUnits) {
        return new Money(minorUnits, CNY);
    }

    private AccountRow account() {
        return jdbc.sql("""
                        select balance_minor, debt_minor, last_sequence, warning_level, depleted, supply_state,
                            pending_command, closed_at, last_read_at, last_register, tariff_id
                        from account_view where account_id = ? and tenant_id = ?""")
                .params(account, tenant)
                .query((rs, n) -> new AccountRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                        rs.getBoolean(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9)), rs.getBigDecimal(10), rs.getString(11)))
                .single();
    }

    private List<LedgerLine> ledger() {
        return jdbc.sql("""
                        select sequence_number, kind, amount_minor, balance_after_minor, reference, quantity
                        from account_ledger_line where account_id = ? and tenant_id = ? order by sequence_number""")
                .params(account, tenant)
                .query((rs, n) -> new LedgerLine(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getBigDecimal(6)))
                .list();
    }

    private List<RegisterLine> registers() {
        return jdbc.sql("""
                        select read_at, register_value, consumption, opening
                        from account_register_line where account_id = ? and tenant_id = ? order by read_at""")
                .params(account, tenant)
                .query((rs, n) -> new RegisterLine(instant(rs.getTimestamp(1)), rs.getBigDecimal(2),
                        rs.getBigDecimal(3), rs.getBoolean(4)))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
