package com.meterledger.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.query.consumption.ConsumptionProjection;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.trail.AuditTrailProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Elasticsearch projections against the test JVM's real node: daily consumption and the audit trail. */
class SearchProjectionsTest extends IntegrationTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    SearchAccess search;
    @Autowired
    EventStore eventStore;
    @Autowired
    HealthContributorRegistry healthContributors;

    /** Four days ago a move-in at 1000; then readings on three days; price 7 minor units per kWh. */
    private String meterWithThreeDaysOfReadings(Api landlord) {
        String id = "es-" + UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(landlord, id, "7", at(4, 8), "1000");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100000,"currency":"EUR","reference":"es-%s"}""".formatted(id)).status()).isEqualTo(201);
        record(landlord, id, at(3, 9), "1001.250");
        record(landlord, id, at(3, 17), "1002.000");
        record(landlord, id, at(2, 10), "1004.751");
        record(landlord, id, at(1, 23), "1010.001");
        return id;
    }

    private static void record(Api landlord, String id, Instant at, String register) {
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(at, register)).status()).isEqualTo(201);
    }

    private static Instant at(int daysAgo, int hour) {
        return TODAY.minusDays(daysAgo).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static String day(int daysAgo) {
        return TODAY.minusDays(daysAgo).toString();
    }

    private static Api.Response dailyOfMeter(Api caller, String id) {
        return caller.get("/api/meters/m-%s/consumption/daily?from=%s&to=%s".formatted(id, day(4), day(1)));
    }

    /** The histogram once every reading is in it (the projection writes asynchronously). */
    private static JsonNode settledDaily(Api landlord, String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Response answer = dailyOfMeter(landlord, id);
            return answer.status() == 200 && answer.body().at("/series/0/total").asText().equals("10.001")
                    && chargedOn(answer.body(), 3) > 0;
        });
        return dailyOfMeter(landlord, id).body();
    }

    private static long chargedOn(JsonNode report, int dayIndex) {
        JsonNode charges = report.at("/series/0/days/" + dayIndex + "/charges");
        return charges.isEmpty() ? 0 : charges.get(0).get("amountMinor").asLong();
    }

    @Test
    void dailyConsumptionOfAMeterIsTheSumOfItsReadingsPerUtcDayAndCharges() {
        Api landlord = as(TENANT_A);
        String id = meterWithThreeDaysOfReadings(landlord);

        JsonNode report = settledDaily(landlord, id);

        JsonNode days = report.at("/series/0/days");
        assertThat(report.at("/series/0/utility").asText()).isEqualTo("ELECTRICITY");
        assertThat(days).hasSize(4);
        assertThat(days.get(0).get("date").asText()).isEqualTo(day(4));
        assertThat(days.get(0).get("quantity").asText()).isEqualTo("0.000");
        assertThat(days.get(1).get("quantity").asText()).isEqualTo("2.000");   // 1.250 + 0.750
        assertThat(days.get(2).get("quantity").asText()).isEqualTo("2.751");
        assertThat(days.get(3).get("quantity").asText()).isEqualTo("5.250");
        // 7 minor units per kWh, fractions carried: floor(8.75)=8, then 5.25+0.75 -> 6, then 19.257 -> 19, 36.75+0.257 -> 37
        assertThat(chargedOn(report, 1)).isEqualTo(8 + 6);
        assertThat(chargedOn(report, 2)).isEqualTo(19);
        assertThat(chargedOn(report, 3)).isEqualTo(37);
    }

    @Test
    void aPropertyHistogramCountsItsUnitsMeters() {
        Api landlord = as(TENANT_A);
        String id = meterWithThreeDaysOfReadings(landlord);
        settledDaily(landlord, id);

        Api.Response answer = landlord.get("/api/properties/p-%s/consumption/daily?from=%s&to=%s"
                .formatted(id, day(3), day(1)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/series/0/total").asText()).isEqualTo("10.001");
        assertThat(answer.body().at("/series/0/registerUnit").asText()).isEqualTo("kWh");
    }

    @Test
    void aReplayedEventStreamCountsNothingTwice() {
        Api landlord = as(TENANT_A);
        Instant beforeReadings = Instant.now().minusSeconds(1);
        String id = meterWithThreeDaysOfReadings(landlord);
        JsonNode before = settledDaily(landlord, id);
        long meterEvents = eventStore.readEvents("m-" + id).asStream().count();
        await().atMost(Duration.ofSeconds(30)).until(() -> trailOf(landlord, "m-" + id) == meterEvents);

        replaySince(ConsumptionProjection.PROCESSING_GROUP, beforeReadings);
        replaySince(AuditTrailProjection.PROCESSING_GROUP, beforeReadings);

        search.refresh();
        assertThat(dailyOfMeter(landlord, id).body()).isEqualTo(before);
        assertThat(trailOf(landlord, "m-" + id)).isEqualTo(meterEvents);
    }

    private static long trailOf(Api caller, String aggregateId) {
        return caller.get("/api/audit/events?aggregateId=" + aggregateId).body().path("total").asLong();
    }

    private void replaySince(String processingGroup, Instant since) {
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(processingGroup, PooledStreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens(source -> source.createTokenAt(since));
        long head = eventStore.createHeadToken().position().orElseThrow();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                && status.getCurrentPosition().orElse(-1) >= head));
    }

    @Test
    void theAuditTrailFindsAnEventByWordsOfItsSummaryWithActorAndCorrelation() {
        Api landlord = as(TENANT_A);
        String id = meterWithThreeDaysOfReadings(landlord);

        await().atMost(Duration.ofSeconds(30)).until(() -> landlord.get(
                "/api/audit/events?q=credited&aggregateId=a-" + id).body().path("total").asLong() == 1);
        JsonNode entry = landlord.get("/api/audit/events?q=credited&aggregateId=a-" + id).body().at("/entries/0");

        assertThat(entry.get("type").asText()).isEqualTo("AccountCredited");
        assertThat(entry.get("summary").asText()).startsWith("Account credited: accountId=a-" + id)
                .contains("amount=100000 EUR", "reference=es-" + id);
        assertThat(entry.get("actor").asText()).isNotBlank();
        assertThat(entry.get("correlation_id").asText()).isNotBlank();
        assertThat(entry.get("causation_id").asText()).isNotBlank();
    }

    @Test
    void anotherTenantSeesNoneOfTheDocuments() {
        Api landlord = as(TENANT_A);
        String id = meterWithThreeDaysOfReadings(landlord);
        settledDaily(landlord, id);
        await().atMost(Duration.ofSeconds(30)).until(() -> landlord.get(
                "/api/audit/events?aggregateId=a-" + id).body().path("total").asLong() > 0);
        Api other = as(TENANT_B);

        assertThat(dailyOfMeter(other, id).status()).isEqualTo(404);
        assertThat(other.get("/api/properties/p-%s/consumption/daily?from=%s&to=%s".formatted(id, day(3), day(1)))
                .status()).isEqualTo(404);
        assertThat(other.get("/api/audit/events?aggregateId=a-" + id).body().get("total").asLong()).isZero();
        assertThat(other.get("/api/audit/events?q=\"es-" + id + "\"").body().get("total").asLong()).isZero();
        assertThat(other.get("/api/audit/events?q=tenant_id:" + TENANT_A).body().get("total").asLong()).isZero();
    }

    @Test
    void theHealthEndpointReportsTheCluster() {
        Health health = ((HealthIndicator) healthContributors.getContributor("elasticsearch")).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("nodes", 1).containsKey("status");
    }

    @Test
    void malformedSearchSyntaxIsABadRequestNamingTheParsersReason() {
        Api.Response answer = as(TENANT_A).get("/api/audit/events?q=credited AND (");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("detail")).startsWith("the search syntax is not valid").contains("Cannot parse");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsABadRequest() {
        Api.Response answer = as(TENANT_A).get("/api/meters/m-x/consumption/daily?from=2026-02-01&to=2026-01-01");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("detail")).contains("before it starts");
    }

    @Test
    void aPeriodLongerThanAYearIsABadRequest() {
        Api.Response answer = as(TENANT_A).get("/api/properties/p-x/consumption/daily?from=2024-01-01&to=2025-01-01");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("detail")).contains("more than 366 days");
    }
}
