package com.meterledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.meterledger.api.account.AccountCredited;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.AccountOpened;
import com.meterledger.api.account.BalanceDepleted;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.support.ProjectionDatabase;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auditor's replay against a real event table: events stored as Axon stores them (the event serializer's bytes,
 * the tenant in the metadata), read back through an upcaster chain.
 */
@SpringJUnitConfig(ProjectionDatabase.class)
class AccountReplayTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant OPENED = Instant.parse("2026-03-14T07:00:00Z");
    /**
     * An older name and shape of {@link AccountCredited}: its amount was called {@code credit}, and its amounts were
     * bare minor units, their currency in the event's metadata.
     */
    private static final String TOP_UP_RECORDED = "com.meterledger.api.account.TopUpRecorded";

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper objectMapper;

    JacksonSerializer serializer;
    String tenant;
    AccountId account;
    MeterId meter;
    long nextSequence;

    @BeforeEach
    void anAccountOfATenantOfItsOwn() {
        serializer = JacksonSerializer.builder().objectMapper(objectMapper.copy()).build();
        tenant = "tenant-" + UUID.randomUUID();
        account = new AccountId("account-" + UUID.randomUUID());
        meter = new MeterId("meter-" + UUID.randomUUID());
        nextSequence = 0;
    }

    @Test
    void theBalanceIsTheSumOfTheMoneyEventsAndEveryStatedBalanceIsChecked() {
        storeADay();

        AccountReplay.Result result = replay(new EventUpcasterChain(), 2_000).replay(new TenantId(tenant),
                account.value(), AccountReplay.Limit.ALL);

        assertThat(result.balanceMinor()).isZero();
        assertThat(result.creditsMinor()).isEqualTo(5_000);
        assertThat(result.debitsMinor()).isEqualTo(5_000);
        assertThat(result.eventsRead()).isEqualTo(5);
        assertThat(result.eventsApplied()).isEqualTo(3);
        assertThat(result.lastSequence()).isEqualTo(4);
        assertThat(result.lastMoneySequence()).isEqualTo(3);
        assertThat(result.balanceAfterMismatches()).isZero();
        assertThat(result.byEventType()).containsExactly(Map.entry("AccountOpened", 1),
                Map.entry("AccountCredited", 1), Map.entry("ConsumptionCharged", 2), Map.entry("BalanceDepleted", 1));
        assertThat(result.currency()).isEqualTo("CNY");
        assertThat(result.lastEventAt()).isEqualTo(OPENED.plusSeconds(4 * 3600));
    }

    @Test
    void aReplayUpToAMomentTakesTheEventsStampedAtOrBeforeIt() {
        storeADay();

        AccountReplay.Result atNoon = replay(new EventUpcasterChain(), 2_000).replay(new TenantId(tenant),
                account.value(), AccountReplay.Limit.until(OPENED.plusSeconds(2 * 3600)));

        assertThat(atNoon.balanceMinor()).isEqualTo(750);
        assertThat(atNoon.eventsRead()).isEqualTo(3);
        assertThat(atNoon.lastSequence()).isEqualTo(2);
    }

    @Test
    void aReplayBeforeTheOpeningFindsTheAccountWithNothingRead() {
        storeADay();

        AccountReplay.Result before = replay(new EventUpcasterChain(), 2_000).replay(new TenantId(tenant),
                account.value(), AccountReplay.Limit.until(OPENED.minusSeconds(1)));

        assertThat(before.eventsRead()).isZero();
        assertThat(before.balanceMinor()).isZero();
        assertThat(before.lastEventAt()).isNull();
        assertThat(before.openedAt()).isEqualTo(OPENED);
    }

    @Test
    void aStreamReadInTwoHalvesAddsUpAsOneCursorDoes() {
        storeADay();

        AccountReplay.Result halves = replay(new EventUpcasterChain(), 2).replay(new TenantId(tenant),
                account.value(), AccountReplay.Limit.ALL);

        assertThat(halves).isEqualTo(replay(new EventUpcasterChain(), 2_000).replay(new TenantId(tenant),
                account.value(), AccountReplay.Limit.ALL));
    }

    @Test
    void aStatedBalanceThatDisagreesWithTheRunningSumIsCountedWithItsSequence() {
        store(opened(), OPENED);
        store(new AccountCredited(account, cny(5_000), "pay-1", 1L, cny(5_000), OPENED), OPENED);
        store(charge(4_250, 700), OPENED.plusSeconds(60));

        AccountReplay.Result result = replay(new EventUpcasterChain(), 2_000).replay(new TenantId(tenant),
                account.value(), AccountReplay.Limit.ALL);

        assertThat(result.balanceMinor()).isEqualTo(750);
        assertThat(result.balanceAfterMismatches()).isEqualTo(1);
        assertThat(result.firstMismatchSequence()).isEqualTo(2L);
    }

    @Test
    void anEventStoredInAnOlderShapeIsReplayedAsTheUpcasterChainMakesIt() {
        store(opened(), OPENED);
        storeRaw(TOP_UP_RECORDED, """
                {"accountId":%s,"credit":5000,"reference":"pay-1","purchaseSequence":1,"balanceAfter":5000,
                 "creditedAt":"%s"}""".formatted(serializedId(), OPENED), OPENED);
        store(charge(4_250, 750), OPENED.plusSeconds(60));

        AccountReplay.Result upcast = replay(new EventUpcasterChain(new TopUpRecordedUpcaster()), 2_000)
                .replay(new TenantId(tenant), account.value(), AccountReplay.Limit.ALL);
        AccountReplay.Result notUpcast = replay(new EventUpcasterChain(), 2_000)
                .replay(new TenantId(tenant), account.value(), AccountReplay.Limit.ALL);

        assertThat(upcast.balanceMinor()).isEqualTo(750);
        assertThat(upcast.balanceAfterMismatches()).isZero();
        assertThat(upcast.byEventType()).containsEntry("AccountCredited", 1).doesNotContainKey("TopUpRecorded");
        assertThat(notUpcast.balanceMinor()).isEqualTo(-4_250);
        assertThat(notUpcast.byEventType()).containsEntry("TopUpRecorded", 1);
    }

    @Test
    void anotherTenantsAccountIsNotFound() {
        storeADay();

        assertThatThrownBy(() -> replay(new EventUpcasterChain(), 2_000).replay(new TenantId("tenant-other"),
                account.value(), AccountReplay.Limit.ALL)).isInstanceOf(NotFound.class);
    }

    /**
     * Renames the old type, and its {@code credit} to {@code amount}, and makes its amounts money in the currency its
     * metadata names, as {@link AccountCredited} has them.
     */
    private static final class TopUpRecordedUpcaster extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return TOP_UP_RECORDED.equals(representation.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            String currency = (String) representation.getMetaData().getObject().get("currency");
            return representation.upcast(new SimpleSerializedType(AccountCredited.class.getName(), null),
                    JsonNode.class, (JsonNode node) -> {
                        ObjectNode event = (ObjectNode) node;
                        event.set("amount", money(event.remove("credit"), currency));
                        event.set("balanceAfter", money(event.get("balanceAfter"), currency));
                        return event;
                    }, metaData -> metaData);
        }

        private static ObjectNode money(JsonNode minorUnits, String currency) {
            return JsonNodeFactory.instance.objectNode().put("minorUnits", minorUnits.asLong())
                    .put("currency", currency);
        }
    }

    private AccountReplay replay(EventUpcaster upcasters, long splitFrom) {
        return new AccountReplay(dataSource, transactions, serializer, upcasters, splitFrom);
    }

    /** Opened; 50.00 topped up; charged 42.50 (7.50 left) and 7.50 (0 left); depleted: one event an hour. */
    private void storeADay() {
        store(opened(), OPENED);
        store(new AccountCredited(account, cny(5_000), "pay-1", 1L, cny(5_000), OPENED), OPENED.plusSeconds(3600));
        store(charge(4_250, 750), OPENED.plusSeconds(2 * 3600));
        store(charge(750, 0), OPENED.plusSeconds(3 * 3600));
        store(new BalanceDepleted(account, meter, cny(0), cny(0)), OPENED.plusSeconds(4 * 3600));
    }

    private AccountOpened opened() {
        return new AccountOpened(account, new UnitId("unit-1"), meter, CNY, new TariffId("tariff-1"), OPENED, OPENED,
                BigDecimal.ZERO, LocalDate.of(2026, 3, 14));
    }

    private ConsumptionCharged charge(long amount, long balanceAfter) {
        return new ConsumptionCharged(account, meter, new TariffId("tariff-1"), OPENED, OPENED,
                BigDecimal.ONE, Map.of(), List.of(), BigDecimal.valueOf(amount, 2), cny(amount),
                BigDecimal.ZERO, null, null, cny(balanceAfter));
    }

    private static Money cny(long minorUnits) {
        return new Money(minorUnits, CNY);
    }

    private String serializedId() {
        return new String(serializer.serialize(account, byte[].class).getData());
    }

    private void store(Object payload, Instant at) {
        SerializedObject<byte[]> serialized = serializer.serialize(payload, byte[].class);
        insert(serialized.getType().getName(), serialized.getData(), at);
    }

    /** An event of an older shape, whose metadata names its currency. */
    private void storeRaw(String payloadType, String json, Instant at) {
        insert(payloadType, json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                MetaData.with(TENANT, tenant).and("currency", "CNY"), at);
    }

    private void insert(String payloadType, byte[] payload, Instant at) {
        insert(payloadType, payload, MetaData.with(TENANT, tenant), at);
    }

    /** A row as Axon's JDBC storage engine writes it. */
    private void insert(String payloadType, byte[] payload, MetaData metaData, Instant at) {
        jdbc.sql("""
                        insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (?, ?, ?, 'Account', ?, ?, null, ?, ?)""")
                .params(UUID.randomUUID().toString(), account.value(), nextSequence++, at.toString(), payloadType,
                        payload, serializer.serialize(metaData, byte[].class).getData())
                .update();
    }
}
