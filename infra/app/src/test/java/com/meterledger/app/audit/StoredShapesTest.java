package com.meterledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events stored in the shapes wave 1 wrote them stay readable: a fixture event store (an account's and its meter's
 * streams exactly as stored then, {@code events/wave-1-account.jsonl}: payloads, types and metadata) is put in the
 * event table and read by today's code. The auditor's replay states the balance it had (32.25), the account takes a
 * top-up on top of it, and the projection agrees. An event whose shape changes must come with an upcaster that
 * keeps this test passing (ARCHITECTURE.md, "Changing an event"). The account's private flat tariff has a stream of
 * its own that the fixture does not hold, so no reading is taken on top.
 */
class StoredShapesTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAccountStoredInWaveOnesShapesReplaysToItsBalanceAndTakesATopUp() throws IOException {
        String suffix = "w1-" + UUID.randomUUID().toString().substring(0, 8);
        // in the order they were stored then, across the two streams: projections read the meter's registration
        // before the readings on it
        List<JsonNode> events = fixture(suffix).stream()
                .sorted(Comparator.comparing((JsonNode event) -> Instant.parse(event.path("timeStamp").asText())))
                .toList();
        events.forEach(this::store);
        AccountDriver account = new AccountDriver(as(TENANT_A), Instant.parse("2026-11-02T00:00:00Z"), suffix);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> account.assertAgreesWithReplay(3_225));
        account.topUp(1_000, "after-wave-1");

        assertThat(new EventStore(jdbc).ofType(account.account(), "AccountCredited").getLast().payload()
                .path("balanceAfter").path("minorUnits").asLong()).isEqualTo(4_225);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> account.assertAgreesWithReplay(4_225));
    }

    private static List<JsonNode> fixture(String suffix) throws IOException {
        try (InputStream in = StoredShapesTest.class.getResourceAsStream("/events/wave-1-account.jsonl")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SUFFIX", suffix);
            return text.lines().filter(line -> !line.isBlank()).map(StoredShapesTest::parse).toList();
        }
    }

    /** A row as Axon's JDBC storage engine writes it, the payload and metadata bytes as the fixture holds them. */
    private void store(JsonNode event) {
        jdbc.sql("""
                        insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (?, ?, ?, ?, ?, ?, null, ?, ?)""")
                .params(UUID.randomUUID().toString(), event.path("aggregateIdentifier").asText(),
                        event.path("sequenceNumber").asLong(), event.path("type").asText(),
                        event.path("timeStamp").asText(), event.path("payloadType").asText(),
                        bytes(event.path("payload")), bytes(event.path("metaData")))
                .update();
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
