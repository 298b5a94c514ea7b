package com.meterledger.app.listing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Head office and the seed's KPIs through the real API: a property whose one active meter was read through a
 * gateway (one item taken, one refused), and a second meter (no account) that carried out a CUT and missed a RESTORE.
 * Expected by hand: collection 1 of 1 (100%), communication 1 taken of 2 (50%), commands 1 of 2 (50%, below the
 * 0.9995 target) with the missing meter named; its figures over time show today's consumption and revenue.
 */
class HeadOfficeTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Minutes, not hours, before now: the reading must fall on today's date even just after midnight. */
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);

    private String id;
    private Api landlord;

    @BeforeEach
    void aPropertyReadThroughAGatewayAndAMeterThatMissedACommand() {
        id = "ho" + java.util.UUID.randomUUID().toString().substring(0, 8);
        landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100000,"currency":"EUR","reference":"ho-%s"}""".formatted(id)).status()).isEqualTo(201);
        Api.Response gateway = landlord.post("/api/gateways", """
                {"gatewayId":"gw-%s","propertyId":"p-%s","name":"Roof"}""".formatted(id, id));
        assertThat(gateway.status()).isEqualTo(201);
        assertThat(landlord.put("/api/gateways/gw-%s/meters/m-%s".formatted(id, id), """
                {"address":"addr-%s"}""".formatted(id)).status()).isEqualTo(204);
        // one reading taken (2 kWh at 1.00 EUR), one refused (a meter the gateway does not relay), read a second ago
        Instant readAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        JsonNode answer = gatewayPost("gw-" + id, gateway.text("secret"), """
                {"v":1,"batchId":"b-%s","sentAt":"%s","readings":[
                 {"meter":"addr-%s","readAt":"%s","kind":"INTERVAL","registers":{"total":"2"}},
                 {"meter":"nobody","readAt":"%s","kind":"INTERVAL","registers":{"total":"2"}}]}"""
                .formatted(id, Instant.now(), id, readAt, readAt));
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);

        // a second meter of the property, supplying no account: a CUT carried out, a RESTORE that failed twice
        assertThat(landlord.post("/api/properties/p-%s/units".formatted(id), """
                {"unitId":"u2-%s","name":"Flat 2"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters", """
                {"meterId":"m2-%s","unitId":"u2-%s","utility":"WATER","serialNumber":"SN2-%s"}"""
                .formatted(id, id, id)).status()).isEqualTo(201);
        acknowledge(command("CUT"), true);
        String restore = command("RESTORE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode pending = landlord.get("/api/meters/m2-" + id + "/status").body().get("pendingCommand");
            if (pending != null && !pending.isNull()) {
                acknowledge(restore, false);
            }
            assertThat(pending == null || pending.isNull()).isTrue();
        });
    }

    @Test
    void headOfficeShowsThePropertysFiguresAndTheThreeKpisAsComputedByHand() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode kpis = property(landlord.get("/api/head-office").body()).get("kpis");
            assertThat(kpis.get("commandsMissedToday").asLong()).isEqualTo(1);
            assertThat(kpis.get("readLast24h").asLong()).isEqualTo(1);
        });
        JsonNode p = property(landlord.get("/api/head-office").body());
        assertThat(p.get("name").asText()).isEqualTo("Test Court " + id);
        assertThat(p.get("balancesHeld").get(0).get("minor").asLong()).isEqualTo(100_000 - 200);
        assertThat(p.get("accounts").get("active").asLong()).isEqualTo(1);
        assertThat(p.get("consumption").get(0).get("today").decimalValue()).isEqualByComparingTo("2");
        assertThat(p.get("money").get(0).get("chargesTodayMinor").asLong()).isEqualTo(200);

        JsonNode kpis = p.get("kpis");
        assertThat(kpis.get("activeMeters").asLong()).isEqualTo(1);
        assertThat(kpis.get("collectionCompleteness").decimalValue()).isEqualByComparingTo("1");
        assertThat(kpis.get("itemsTaken24h").asLong()).isEqualTo(1);
        assertThat(kpis.get("itemsRefused24h").asLong()).isEqualTo(1);
        assertThat(kpis.get("communicationSuccess").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(kpis.get("commandsCarriedOutToday").asLong()).isEqualTo(1);
        assertThat(kpis.get("commandSuccess").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(kpis.get("commandTargetMet").asBoolean()).isFalse();
        JsonNode missed = kpis.get("missed").get(0);
        assertThat(missed.get("meterId").asText()).isEqualTo("m2-" + id);
        assertThat(missed.get("action").asText()).isEqualTo("RESTORE");
        // the test refuses each attempt, but on a loaded machine the 2 s acknowledgement time-out of the test
        // profile can end an attempt first: either way the RESTORE was missed, which is what the KPI counts
        assertThat(missed.get("reason").asText()).isIn("failed", "timed-out");
    }

    @Test
    void figuresOverTimeEndTodayWithTheDaysConsumptionAndRevenue() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode days = landlord.get("/api/properties/p-%s/history?period=day&count=7".formatted(id)).body();
            assertThat(days).hasSize(7);
            JsonNode last = days.get(6);
            assertThat(last.get("period").asText()).isEqualTo(today);
            assertThat(last.get("consumption").get("ELECTRICITY").decimalValue()).isEqualByComparingTo("2");
            assertThat(last.get("charges").get("EUR").asLong()).isEqualTo(200);
        });
        JsonNode months = landlord.get("/api/accounts/a-%s/history?period=month&count=3".formatted(id)).body();
        assertThat(months).hasSize(3);
        assertThat(months.get(2).get("charges").get("EUR").asLong()).isEqualTo(200);
        assertThat(months.get(0).get("charges").get("EUR") == null
                || months.get(0).get("charges").get("EUR").asLong() == 0).isTrue();

        // nonsense is a 400 naming the parameter; another tenant's property is unknown
        assertThat(landlord.get("/api/properties/p-%s/history?period=week".formatted(id)).text("field"))
                .isEqualTo("period");
        assertThat(landlord.get("/api/properties/p-%s/history?count=367".formatted(id)).text("field"))
                .isEqualTo("count");
        assertThat(landlord.get("/api/accounts/a-%s/history?period=month&count=0".formatted(id)).text("field"))
                .isEqualTo("count");
        assertThat(as(TENANT_B).get("/api/properties/p-%s/history".formatted(id)).status()).isEqualTo(404);
        assertThat(as(TENANT_B).get("/api/head-office").body().toString()).doesNotContain(id);
    }

    private JsonNode property(JsonNode overview) {
        for (JsonNode p : overview.get("properties")) {
            if (p.get("propertyId").asText().equals("p-" + id)) {
                return p;
            }
        }
        throw new AssertionError("p-" + id + " not in head office");
    }

    private String command(String action) {
        Api.Response sent = landlord.post("/api/meters/m2-%s/supply-commands".formatted(id), """
                {"action":"%s","reason":"head office test"}""".formatted(action));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        return sent.text("commandId");
    }

    private void acknowledge(String commandId, boolean executed) {
        assertThat(landlord.post("/api/meters/m2-%s/supply-commands/%s/acknowledgement".formatted(id, commandId), """
                {"executed":%s}""".formatted(executed)).status()).isIn(200, 204);
    }

    private JsonNode gatewayPost(String gatewayId, String secret, String json) {
        String basic = Base64.getEncoder().encodeToString((TENANT_A + "/" + gatewayId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return RestClient.create("http://localhost:" + port).post().uri("/gateway/v1/readings")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange((request, response) -> JSON.readTree(response.getBody().readAllBytes()));
    }
}
