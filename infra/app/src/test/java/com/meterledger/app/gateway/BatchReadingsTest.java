package com.meterledger.app.gateway;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.ReadingOutcome;
import com.meterledger.api.meter.RecordReading;
import com.meterledger.api.meter.RecordReadings;
import com.meterledger.api.meter.RejectionReason;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link RecordReadings}: a gateway's readings in one transaction, each item answered as a single reading would be,
 * an unknown or foreign meter answered NOT_FOUND without failing the others; a failing batch stores nothing and
 * leaves no trace in the aggregate cache. 100 cents per kWh.
 */
class BatchReadingsTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;

    private EventStore events;
    private String id;

    @BeforeEach
    void names() {
        events = new EventStore(jdbc);
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void storesExactlyTheGoodReadingsInOneTransactionAndAnswersEachItem() {
        Api landlord = as(TENANT_A);
        property(landlord, "p-" + id, "u-" + id);
        meterWithAccount(landlord, "u-" + id, "m1-" + id, "a1-" + id, 10_000);
        meterWithAccount(landlord, "u-" + id, "m2-" + id, "a2-" + id, 10_000);
        Api other = as(TENANT_B);
        property(other, "pb-" + id, "ub-" + id);
        meter(other, "ub-" + id, "mb-" + id);
        long head = head();

        List<ReadingOutcome> outcomes = send(
                reading("m1-" + id, 1, "1"),              // accepted: 1 kWh
                reading("nope-" + id, 1, "1"),            // unknown meter
                reading("m2-" + id, 1, "2"),              // accepted: 2 kWh
                reading("m1-" + id, 2, "0.5"),            // register went backwards: rejected
                reading("mb-" + id, 1, "1"),              // another tenant's meter: as unknown
                reading("m1-" + id, 1, "1"),              // the first item again: duplicate
                reading("m2-" + id, 2, "3"));             // accepted: 1 kWh

        assertThat(outcomes).extracting(ReadingOutcome::status).containsExactly(ReadingOutcome.Status.ACCEPTED,
                ReadingOutcome.Status.NOT_FOUND, ReadingOutcome.Status.ACCEPTED, ReadingOutcome.Status.REJECTED,
                ReadingOutcome.Status.NOT_FOUND, ReadingOutcome.Status.DUPLICATE, ReadingOutcome.Status.ACCEPTED);
        assertThat(outcomes.get(1).detail()).isEqualTo("meter nope-" + id + " was not found");
        assertThat(outcomes.get(4).detail()).isEqualTo("meter mb-" + id + " was not found");
        assertThat(outcomes.get(3).reason()).isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS);

        assertThat(events.ofType("m1-" + id, "ReadingRecorded")).hasSize(1);
        assertThat(events.ofType("m1-" + id, "ReadingRejected")).hasSize(1);
        assertThat(events.ofType("m2-" + id, "ReadingRecorded")).hasSize(2);
        assertThat(events.of("mb-" + id)).extracting(EventStore.StoredEvent::type).containsExactly("MeterRegistered");
        assertThat(events.of("nope-" + id)).isEmpty();
        assertThat(events.ofType("a1-" + id, "ConsumptionCharged")).hasSize(1);
        assertThat(events.ofType("a2-" + id, "ConsumptionCharged")).hasSize(2);
        // readings and charges of the batch were committed by one transaction
        assertThat(jdbc.sql("""
                        select count(distinct xmin::text) from domain_event_entry where global_index > ?
                        and aggregate_identifier in (?, ?, ?, ?)
                        and (payload_type like '%Reading%' or payload_type like '%ConsumptionCharged')""")
                .params(head, "m1-" + id, "m2-" + id, "a1-" + id, "a2-" + id).query(Long.class).single()).isEqualTo(1);
        awaitBalance(landlord, "a1-" + id, "9900");
        awaitBalance(landlord, "a2-" + id, "9700");
    }

    @Test
    void aFailingBatchStoresNothingAndLeavesTheCachedAggregatesAsStored() {
        Api landlord = as(TENANT_A);
        property(landlord, "p-" + id, "u-" + id);
        meterWithAccount(landlord, "u-" + id, "m1-" + id, "a1-" + id, 10_000);
        meterWithAccount(landlord, "u-" + id, "m2-" + id, "a2-" + id, 10_000);
        send(reading("m1-" + id, 1, "1"));           // both meters and accounts are now in the aggregate cache
        send(reading("m2-" + id, 1, "1"));
        long head = head();

        // m1 and a1 change in memory, then an unexpected failure (no reading time) fails the whole batch
        assertThatThrownBy(() -> send(reading("m1-" + id, 2, "2"),
                new RecordReading(new MeterId("m2-" + id), null, new BigDecimal("2"))))
                .isInstanceOf(RuntimeException.class);
        assertThat(jdbc.sql("select count(*) from domain_event_entry where global_index > ? and aggregate_identifier in (?, ?, ?, ?)")
                .params(head, "m1-" + id, "m2-" + id, "a1-" + id, "a2-" + id).query(Long.class).single()).isZero();

        // had the rolled-back state stayed cached, this would be a DUPLICATE or fail on the sequence number
        assertThat(send(reading("m1-" + id, 2, "2"), reading("m2-" + id, 2, "3")))
                .extracting(ReadingOutcome::status)
                .containsExactly(ReadingOutcome.Status.ACCEPTED, ReadingOutcome.Status.ACCEPTED);
        assertThat(events.ofType("m1-" + id, "ReadingRecorded")).hasSize(2);
        assertThat(events.ofType("a1-" + id, "ConsumptionCharged")).hasSize(2);
        assertThat(events.of("m1-" + id)).extracting(EventStore.StoredEvent::sequence)
                .containsExactly(java.util.stream.LongStream.range(0, events.of("m1-" + id).size()).boxed().toArray(Long[]::new));
        awaitBalance(landlord, "a1-" + id, "9800");
        awaitBalance(landlord, "a2-" + id, "9700");
    }

    @Test
    void aBatchCarriesOneTo500Readings() {
        assertThatThrownBy(() -> new RecordReadings(List.of())).isInstanceOf(IllegalArgumentException.class);
        RecordReading one = reading("m-" + id, 1, "1");
        assertThatThrownBy(() -> new RecordReadings(java.util.Collections.nCopies(501, one)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RecordReadings(java.util.Collections.nCopies(500, one)).readings()).hasSize(500);
    }

    private List<ReadingOutcome> send(RecordReading... readings) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordReadings(List.of(readings)))
                .andMetaData(Map.of(MetadataKeys.TENANT, TENANT_A, MetadataKeys.ACTOR, "gw-" + id,
                        MetadataKeys.ORIGIN, "mqtt")));
    }

    private static RecordReading reading(String meterId, int hours, String total) {
        return new RecordReading(new MeterId(meterId), MOVE_IN.plus(Duration.ofHours(hours)), new BigDecimal(total));
    }

    private long head() {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
    }

    private void property(Api landlord, String propertyId, String unitId) {
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"%s","name":"Elm Yard"}""".formatted(propertyId)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/properties/%s/units".formatted(propertyId), """
                {"unitId":"%s","name":"Shop 3"}""".formatted(unitId)).status()).isEqualTo(201);
    }

    private void meter(Api landlord, String unitId, String meterId) {
        assertThat(landlord.post("/api/meters", """
                {"meterId":"%s","unitId":"%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(meterId, unitId, meterId)).status()).isEqualTo(201);
    }

    private void meterWithAccount(Api landlord, String unitId, String meterId, String accountId, long credit) {
        meter(landlord, unitId, meterId);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"%s","unitId":"%s","meterId":"%s","currency":"EUR","pricePerUnitMinor":"100",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(accountId, unitId, meterId, MOVE_IN)).status())
                .isEqualTo(201);
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(accountId), """
                {"amountMinor":%d,"currency":"EUR","reference":"cash-1","purchaseSequence":1}""".formatted(credit))
                .status()).isEqualTo(201);
    }

    private void awaitBalance(Api landlord, String accountId, String expected) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/" + accountId).text("balanceMinor")).isEqualTo(expected));
    }
}
