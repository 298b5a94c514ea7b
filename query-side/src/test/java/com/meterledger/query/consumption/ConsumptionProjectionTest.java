package com.meterledger.query.consumption;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.ConsumptionCharged;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterRegistered;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.search.SearchIndex;
import com.meterledger.query.support.EventStream;
import com.meterledger.query.support.ProjectionBatches;
import com.meterledger.query.support.ProjectionDatabase;
import com.meterledger.query.support.SearchNode;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * consumption-search against a real Elasticsearch node: a meter's events handed to the projection as its processor
 * hands them (one bulk request per batch, sent when it commits) and its documents read back by id and counted.
 */
@SpringJUnitConfig({ProjectionDatabase.class, SearchNode.class})
class ConsumptionProjectionTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant MORNING = Instant.parse("2026-03-14T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");

    @Autowired
    SearchAccess search;
    @Autowired
    ProjectionBatches processor;

    ConsumptionProjection projection;
    EventStream events;
    TenantId tenant;
    MeterId water;
    AccountId account;
    String flat;

    @BeforeEach
    void aWaterMeterOfATenantOfItsOwn() {
        projection = new ConsumptionProjection(search);
        tenant = new TenantId("tenant-" + UUID.randomUUID());
        water = new MeterId("meter-" + UUID.randomUUID());
        account = new AccountId("account-" + UUID.randomUUID());
        flat = "unit-" + UUID.randomUUID();
        events = new EventStream(tenant.value());
    }

    @Test
    void aReadingAndItsChargeBecomeDocumentsThatCarryTheMetersUnitAndUtility() {
        processor.handle(projection, aReadingCharged());

        assertThat(document("meter:" + water.value())).containsEntry("kind", "meter").containsEntry("unit_id", flat)
                .containsEntry("utility", "WATER");
        assertThat(document("reading:" + water.value() + ":1")).containsEntry("kind", "reading")
                .containsEntry("unit_id", flat).containsEntry("utility", "WATER")
                .containsEntry("account_id", account.value()).containsEntry("read_at", NOON.toString())
                .containsEntry("previous_read_at", MORNING.toString())
                .containsEntry("quantity_micro", 10_250_000);
        assertThat(document("charge:" + account.value() + ":0")).containsEntry("kind", "charge")
                .containsEntry("unit_id", flat).containsEntry("utility", "WATER")
                .containsEntry("charged_minor", 1_025).containsEntry("currency", "CNY");
    }

    @Test
    void eventsDeliveredAgainWriteNothingTwice() {
        List<EventMessage<?>> batch = aReadingCharged();
        processor.handle(projection, batch);

        processor.handle(projection, batch);
        processor.handle(new ConsumptionProjection(search), batch);

        search.refresh();
        assertThat(search.count(tenant, SearchIndex.CONSUMPTION, Query.of(q -> q.matchAll(m -> m)))).isEqualTo(3);
    }

    @Test
    void aReadingWithoutConsumptionIsNoDocument() {
        processor.handle(projection, List.of(registered(), events.meter(water.value(),
                new ReadingRecorded(water, null, null, MORNING, new BigDecimal("50"), null, Map.of(), Map.of()),
                MORNING)));

        search.refresh();
        assertThat(search.count(tenant, SearchIndex.CONSUMPTION, Query.of(q -> q.term(t -> t.field("kind")
                .value("reading"))))).isZero();
    }

    @Test
    void aChargeOfAMeterNotProjectedYetFailsItsBatchSoThatTheProcessorRetriesIt() {
        assertThatThrownBy(() -> processor.handle(projection, List.of(events.account(account.value(),
                charge(), NOON)))).hasRootCauseMessage("meter " + water.value() + " is not projected yet");
    }

    @Test
    void anotherTenantFindsNoneOfTheDocuments() {
        processor.handle(projection, aReadingCharged());

        search.refresh();
        TenantId other = new TenantId("tenant-" + UUID.randomUUID());
        assertThat(search.count(other, SearchIndex.CONSUMPTION, Query.of(q -> q.matchAll(m -> m)))).isZero();
        assertThat(search.get(other, SearchIndex.CONSUMPTION, "meter:" + water.value(), Map.class)).isEmpty();
    }

    /** The meter registered, 10.25 m3 read and charged 10.25. */
    private List<EventMessage<?>> aReadingCharged() {
        return List.of(registered(),
                events.meter(water.value(), new ReadingRecorded(water, account, MORNING, NOON,
                        new BigDecimal("60.25"), new BigDecimal("10.25"), Map.of(), Map.of()), NOON),
                events.account(account.value(), charge(), NOON));
    }

    private EventMessage<?> registered() {
        return events.meter(water.value(), new MeterRegistered(water, new UnitId(flat), Utility.WATER, "SN-1",
                MORNING), MORNING);
    }

    private ConsumptionCharged charge() {
        return new ConsumptionCharged(account, water, new TariffId("tariff-1"), MORNING, NOON,
                new BigDecimal("10.25"), Map.of(), List.of(), new BigDecimal("10.25"), new Money(1_025, CNY),
                BigDecimal.ZERO, null, null, new Money(0, CNY));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(String localId) {
        return search.get(tenant, SearchIndex.CONSUMPTION, localId, Map.class).orElseThrow();
    }
}
