package com.meterledger.app.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.gateway.meter.mqtt.EmbeddedMqttBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Meter gateways end to end: the embedded broker, a plain Paho client as the gateway, the registry's credentials and
 * topic rules, readings to balances, the cut/restore loop over the downlink topic, the HTTP uplink. 100 cents per kWh.
 */
class MeterGatewayTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedMqttBroker broker;

    private EventStore events;
    private String id;

    @BeforeEach
    void names() {
        events = new EventStore(jdbc);
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPlainMqttClientChangesBalancesAndClosesTheCutAndRestoreLoopRetryingARelayThatDidNotMove() throws Exception {
        Api landlord = moveIn(as(TENANT_A), 300);
        String secret = registerGateway(landlord, "gw-" + id);
        attach(landlord, "gw-" + id, "m-" + id, "addr-" + id);

        try (MqttTestGateway gateway = new MqttTestGateway(broker.serverUri(), TENANT_A, "gw-" + id, secret)) {
            String batch = readings("b1-" + id, reading("addr-" + id, hour(1), "1"), reading("addr-" + id, hour(2), "2"));
            gateway.publish("readings", batch);
            JsonNode result = gateway.nextResult();
            assertThat(result.get("batchId").asText()).isEqualTo("b1-" + id);
            assertThat(result.get("status").asText()).isEqualTo("PROCESSED");
            assertThat(result.get("accepted").asInt()).isEqualTo(2);
            awaitAccount(landlord, "balanceMinor", "100");                  // 300 - 2 kWh x 100

            gateway.publish("readings", batch);                             // the same batch again: harmless
            JsonNode again = gateway.nextResult();
            assertThat(again.get("duplicates").asInt()).isEqualTo(2);
            assertThat(again.get("accepted").asInt()).isZero();

            gateway.publish("readings", readings("b2-" + id, reading("addr-" + id, hour(3), "4")));   // -> -100: cut
            assertThat(gateway.nextResult().get("accepted").asInt()).isEqualTo(1);
            JsonNode cut = nextCommand(gateway, "CUT");
            assertThat(cut.get("meter").asText()).isEqualTo("addr-" + id);
            assertThat(cut.get("meterId").asText()).isEqualTo("m-" + id);
            gateway.publish("acks", acks(cut.get("commandId").asText(), "addr-" + id, true));
            assertThat(gateway.nextResult().get("accepted").asInt()).isEqualTo(1);
            awaitAccount(landlord, "supplyState", "OFF");

            assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                    {"amountMinor":1000,"currency":"EUR","reference":"cash-2","purchaseSequence":2}""").status())
                    .isEqualTo(201);
            JsonNode restore = nextCommand(gateway, "RESTORE");
            gateway.publish("acks", acks(restore.get("commandId").asText(), "addr-" + id, false));   // relay stuck
            JsonNode retried = nextCommand(gateway, "RESTORE");
            assertThat(retried.get("commandId").asText()).isEqualTo(restore.get("commandId").asText());
            assertThat(retried.get("attempt").asInt()).isEqualTo(2);
            gateway.publish("acks", acks(retried.get("commandId").asText(), "addr-" + id, true));
            awaitAccount(landlord, "supplyState", "ON");
            awaitAccount(landlord, "balanceMinor", "900");
        }
        assertThat(events.typesOf("m-" + id)).containsSubsequence("ReadingRecorded", "ReadingRecorded",
                "ReadingRecorded", "SupplyCommandIssued", "SupplyCommandConfirmed", "SupplyCommandIssued",
                "SupplyCommandFailed", "SupplyCommandIssued", "SupplyCommandConfirmed");
        assertThat(events.ofType("m-" + id, "ReadingRecorded")).hasSize(3);
        JsonNode metadata = jdbc.sql("select meta_data from domain_event_entry where aggregate_identifier = ? and payload_type like '%ReadingRecorded' limit 1")
                .param("m-" + id).query((rs, row) -> MqttTestGateway.parse(new String(rs.getBytes(1), StandardCharsets.UTF_8))).single();
        assertThat(metadata.get("tenantId").asText()).isEqualTo(TENANT_A);
        assertThat(metadata.get("actor").asText()).isEqualTo("gw-" + id);
        assertThat(metadata.get("origin").asText()).isEqualTo("mqtt");

        Api.Response view = landlord.get("/api/gateways/gw-" + id);
        assertThat(view.body().get("counters").get("readingsAccepted").asLong()).isEqualTo(3);
        assertThat(view.body().get("counters").get("readingsDuplicate").asLong()).isEqualTo(2);
        assertThat(view.body().get("counters").get("acksAccepted").asLong()).isEqualTo(3);
        assertThat(view.body().get("online").asBoolean()).isTrue();
        assertThat(view.body().toString()).doesNotContain(secret);
    }

    @Test
    void badInputIsRejectedWithAReasonCountedAndNeverStored() throws Exception {
        Api landlord = moveIn(as(TENANT_A), 10_000);
        String secret = registerGateway(landlord, "gw-" + id);
        attach(landlord, "gw-" + id, "m-" + id, "addr-" + id);
        String otherSecret = registerGateway(landlord, "gw2-" + id);

        MqttClient intruder = new MqttClient(broker.serverUri(), "intruder-" + id, new MemoryPersistence());
        assertThatThrownBy(() -> intruder.connect(MqttTestGateway.options(TENANT_A + "/gw-" + id, "wrong-secret")))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> intruder.connect(MqttTestGateway.options(TENANT_B + "/gw-" + id, secret)))
                .isInstanceOf(MqttException.class);
        intruder.close();

        try (MqttTestGateway gateway = new MqttTestGateway(broker.serverUri(), TENANT_A, "gw-" + id, secret);
             MqttTestGateway other = new MqttTestGateway(broker.serverUri(), TENANT_A, "gw2-" + id, otherSecret)) {
            // another gateway publishing on this gateway's topic: the broker drops the message and disconnects it
            // (see aGatewayPublishingOnAnotherGatewaysTopic...), and it cannot subscribe to this gateway's downlink
            try (MqttTestGateway spoofer = new MqttTestGateway(broker.serverUri(), TENANT_A, "gw2-" + id, otherSecret)) {
                try {
                    spoofer.publishOn(gateway.base() + "/up/readings",
                            readings("spoof-" + id, reading("addr-" + id, hour(1), "5")));
                } catch (MqttException expected) {
                    // time-out waiting for an acknowledgement that never comes, or disconnected by the broker
                }
            } catch (MqttException closing) {
                // already disconnected by the broker
            }
            // another gateway publishing for a meter it does not relay, on its own topic: rejected item
            other.publish("readings", readings("foreign-" + id, reading("addr-" + id, hour(1), "5")));
            JsonNode foreign = other.nextResult();
            assertThat(foreign.get("items").get(0).get("reason").asText()).isEqualTo("UNKNOWN_METER");

            gateway.publish("readings", "{not json");
            assertThat(gateway.nextResult().get("reason").asText()).isEqualTo("MALFORMED");
            gateway.publish("readings", """
                    {"v":2,"batchId":"v2-%s","sentAt":"%s","readings":[]}""".formatted(id, Instant.now()));
            assertThat(gateway.nextResult().get("reason").asText()).isEqualTo("UNSUPPORTED_VERSION");
            gateway.publish("readings", """
                    {"v":1,"batchId":"skew-%s","sentAt":"%s","readings":[%s]}""".formatted(id,
                    Instant.now().plus(Duration.ofHours(2)), reading("addr-" + id, hour(1), "5")));
            JsonNode skew = gateway.nextResult();
            assertThat(skew.get("status").asText()).isEqualTo("REJECTED");
            assertThat(skew.get("reason").asText()).isEqualTo("CLOCK_SKEW");
            gateway.publish("readings", "{\"v\":1,\"batchId\":\"big-" + id + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(gateway.nextResult().get("reason").asText()).isEqualTo("TOO_LARGE");

            // a batch with one good item and three bad ones: the good one is applied, each bad one has its reason
            gateway.publish("readings", readings("mixed-" + id,
                    reading("addr-" + id, hour(1), "3"),
                    reading("nobody-" + id, hour(1), "3"),
                    reading("addr-" + id, Instant.now().plus(Duration.ofDays(1)).toString(), "9"),
                    "{\"meter\":\"addr-" + id + "\",\"readAt\":\"" + hour(2) + "\",\"registers\":{\"total\":\"-1\"}}"));
            JsonNode mixed = gateway.nextResult();
            assertThat(mixed.get("accepted").asInt()).isEqualTo(1);
            assertThat(mixed.get("rejected").asInt()).isEqualTo(3);
            assertThat(mixed.get("items").findValuesAsText("reason"))
                    .containsExactly("UNKNOWN_METER", "FROM_THE_FUTURE", "INVALID_ITEM");
            // a reading older than the last one: the meter's own rule, answered per item
            gateway.publish("readings", readings("old-" + id, reading("addr-" + id, hour(0), "1")));
            assertThat(gateway.nextResult().get("items").get(0).get("reason").asText()).isEqualTo("OUT_OF_ORDER");
            awaitAccount(landlord, "balanceMinor", "9700");
        }
        assertThat(events.ofType("m-" + id, "ReadingRecorded")).hasSize(1);
        assertThat(events.ofType("m-" + id, "ReadingRecorded").getFirst().payload().get("registerValue").asText())
                .isIn("3", "3.0", "3.000");
        JsonNode counters = landlord.get("/api/gateways/gw-" + id).body().get("counters");
        assertThat(counters.get("messagesRejected").asLong()).isEqualTo(4);
        assertThat(counters.get("readingsRejected").asLong()).isEqualTo(4);
        assertThat(counters.get("readingsAccepted").asLong()).isEqualTo(1);

        assertThat(as(TENANT_B).get("/api/gateways/gw-" + id).status()).isEqualTo(404);
        assertThat(as(TENANT_B).put("/api/gateways/gw-" + id + "/meters/m-" + id, "{}").status()).isEqualTo(404);
    }

    @Test
    void aGatewayPublishingOnAnotherGatewaysTopicIsDisconnectedAtOnceAndItsMessageIsNotStored() throws Exception {
        Api landlord = moveIn(as(TENANT_A), 10_000);
        String secret = registerGateway(landlord, "gw-" + id);
        attach(landlord, "gw-" + id, "m-" + id, "addr-" + id);
        String otherSecret = registerGateway(landlord, "gw2-" + id);

        try (MqttTestGateway gateway = new MqttTestGateway(broker.serverUri(), TENANT_A, "gw-" + id, secret);
             MqttTestGateway spoofer = new MqttTestGateway(broker.serverUri(), TENANT_A, "gw2-" + id, otherSecret)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> spoofer.publishOn(gateway.base() + "/up/readings",
                    readings("spoof-" + id, reading("addr-" + id, hour(1), "5"))))
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                            .isEqualTo(MqttException.REASON_CODE_CONNECTION_LOST));

            // MQTT 3.1.1 has no negative acknowledgement: the broker closes the connection instead of leaving the
            // client waiting for a PUBACK until its own time-out (10 s here)
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(spoofer.isConnected()).isFalse();
            // the gateway whose topic it was is still served
            gateway.publish("readings", readings("own-" + id, reading("addr-" + id, hour(1), "2")));
            assertThat(gateway.nextResult().get("accepted").asInt()).isEqualTo(1);
        }
        assertThat(events.ofType("m-" + id, "ReadingRecorded")).singleElement().satisfies(reading ->
                assertThat(reading.payload().get("registerValue").asText()).isIn("2", "2.0", "2.000"));
    }

    @Test
    void theHttpUplinkTakesTheSamePayloadAuthenticatedAsTheGateway() {
        Api landlord = moveIn(as(TENANT_A), 1_000);
        String secret = registerGateway(landlord, "gw-" + id);
        attach(landlord, "gw-" + id, "m-" + id, "addr-" + id);
        String batch = readings("h1-" + id, reading("addr-" + id, hour(1), "2"), reading("nobody", hour(1), "2"));

        assertThat(gatewayPost("/gateway/v1/readings", TENANT_A + "/gw-" + id, "wrong", batch).status()).isEqualTo(401);
        assertThat(gatewayPost("/gateway/v1/readings", TENANT_B + "/gw-" + id, secret, batch).status()).isEqualTo(401);
        Api.Response answer = gatewayPost("/gateway/v1/readings", TENANT_A + "/gw-" + id, secret, batch);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().get("items").get(1).get("reason").asText()).isEqualTo("UNKNOWN_METER");
        assertThat(gatewayPost("/gateway/v1/readings", TENANT_A + "/gw-" + id, secret, "[]").status()).isEqualTo(400);
        assertThat(gatewayPost("/gateway/v1/heartbeat", TENANT_A + "/gw-" + id, secret, """
                {"v":1,"sentAt":"%s","firmware":"dtu-2.4.1"}""".formatted(Instant.now())).status()).isEqualTo(200);
        awaitAccount(landlord, "balanceMinor", "800");
        JsonNode view = landlord.get("/api/gateways/gw-" + id).body();
        assertThat(view.get("firmware").asText()).isEqualTo("dtu-2.4.1");
        assertThat(view.get("lastHeartbeatAt").isNull()).isFalse();
        String origin = jdbc.sql("select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = ? and payload_type like '%ReadingRecorded' limit 1")
                .param("m-" + id).query(String.class).single();
        assertThat(MqttTestGateway.parse(origin).get("origin").asText()).isEqualTo("http");
    }

    @Test
    void aHeartbeatWhoseFirmwareIsNotPlainTextIsRejectedNamingTheFieldAndChangesNothing() {
        Api landlord = moveIn(as(TENANT_A), 1_000);
        String secret = registerGateway(landlord, "gw-" + id);
        String heartbeat = """
                {"v":1,"sentAt":"%s","firmware":"%s"}""";
        assertThat(gatewayPost("/gateway/v1/heartbeat", TENANT_A + "/gw-" + id, secret,
                heartbeat.formatted(Instant.now(), "dtu-2.4.1")).status()).isEqualTo(200);

        Api.Response nul = gatewayPost("/gateway/v1/heartbeat", TENANT_A + "/gw-" + id, secret,
                heartbeat.formatted(Instant.now(), "dtu\\u00002"));
        Api.Response tooLong = gatewayPost("/gateway/v1/heartbeat", TENANT_A + "/gw-" + id, secret,
                heartbeat.formatted(Instant.now(), "x".repeat(101)));

        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.text("reason")).isEqualTo("MALFORMED");
        assertThat(nul.text("detail")).startsWith("firmware must not contain control characters (U+0000");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("detail")).isEqualTo("firmware must be at most 100 characters (it has 101)");
        assertThat(landlord.get("/api/gateways/gw-" + id).body().get("firmware").asText()).isEqualTo("dtu-2.4.1");
    }

    @Test
    void aRawDlt645FrameForwardedByAGatewayBecomesAReading() {
        Api landlord = moveIn(as(TENANT_A), 1_000);
        String secret = registerGateway(landlord, "gw-" + id);
        attach(landlord, "gw-" + id, "m-" + id, "000000000042");
        // meter 000000000042 answers forward active energy (00 01 00 00) = 3.00 kWh, laid out as in Dlt645Test
        String energy = "00000100" + "00030000";
        String batch = readings("f1-" + id, """
                {"meter":"000000000042","readAt":"%s","frame":"%s"}""".formatted(hour(1), frame("000000000042", energy)),
                """
                {"meter":"000000000042","readAt":"%s","frame":"%s"}""".formatted(hour(2), frame("000000000043", energy)));

        Api.Response answer = gatewayPost("/gateway/v1/readings", TENANT_A + "/gw-" + id, secret, batch);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().get("items").get(1).get("reason").asText()).isEqualTo("INVALID_FRAME");
        awaitAccount(landlord, "balanceMinor", "700");
    }

    /**
     * Time-of-use through the uplink: registers t1 and t2 beside the total are charged per register (t1 2.5 kWh x 40 +
     * t2 10.25 kWh x 15.5 = 258.875: 258 charged), and a reading whose registers rose 10 kWh while its total rose 38.5
     * is refused with the reason and charges nothing (before, only the total was passed on and its registers dropped).
     */
    @Test
    void timeOfUseRegistersFromAGatewayAreChargedPerRegisterAndMustAgreeWithTheTotal() throws InterruptedException {
        Api landlord = as(TENANT_A);
        // a tariff version takes effect from a moment to come; the account opens then, the readings follow it
        Instant opened = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        String tariff = "tou-gw-" + id;
        assertThat(landlord.post("/api/tariffs", """
                {"tariffId":"%s","name":"Peak and valley","utility":"ELECTRICITY","currency":"EUR","zone":"UTC"}"""
                .formatted(tariff)).status()).isEqualTo(201);
        Api.Response published = landlord.post("/api/tariffs/%s/versions".formatted(tariff), """
                {"effectiveFrom":"%s","schedule":{"kind":"TIME_OF_USE","registerPrices":{"t1":"40","t2":"15.5"}},
                 "standingChargePerDay":"0"}""".formatted(opened));
        assertThat(published.status()).as(published.body().toString()).isEqualTo(201);
        Premises.unitWithMeter(landlord, id);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"a-%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","tariffId":"%s",
                 "openingReadAt":"%s","openingRegister":"100","openingRegisters":{"t1":"40","t2":"60"}}"""
                .formatted(id, id, id, tariff, opened)).status()).isEqualTo(201);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), opened.plusSeconds(3)).toMillis()));
        String secret = registerGateway(landlord, "gw-" + id);
        attach(landlord, "gw-" + id, "m-" + id, "addr-" + id);
        String agreeing = """
                {"meter":"addr-%s","readAt":"%s","registers":{"total":"112.75","t1":"42.5","t2":"70.25"}}"""
                .formatted(id, opened.plusSeconds(1));
        String disagreeing = """
                {"meter":"addr-%s","readAt":"%s","registers":{"total":"151.25","t1":"45","t2":"77.75"}}"""
                .formatted(id, opened.plusSeconds(2));

        String badName = """
                {"meter":"addr-%s","readAt":"%s","registers":{"total":"160","t1":"50","t\\u0000":"110"}}"""
                .formatted(id, opened.plusSeconds(3));

        Api.Response answer = gatewayPost("/gateway/v1/readings", TENANT_A + "/gw-" + id, secret,
                readings("tou-" + id, agreeing, disagreeing, badName));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().get("items").get(1).get("reason").asText()).isEqualTo("REGISTERS_DISAGREE_WITH_TOTAL");
        assertThat(answer.body().get("items").get(2).get("reason").asText()).isEqualTo("INVALID_ITEM");
        assertThat(answer.body().get("items").get(2).get("detail").asText()).contains("registers", "control characters");
        List<EventStore.StoredEvent> charged = events.ofType("a-" + id, "ConsumptionCharged");
        assertThat(charged).hasSize(1);
        assertThat(charged.getFirst().payload().get("amount").get("minorUnits").asLong()).isEqualTo(258);
        assertThat(charged.getFirst().payload().get("registers").get("t1").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(events.typesOf("m-" + id)).contains("ReadingRejected");
    }

    /** A DL/T 645-2007 read answer: 68, address low byte first, 68, 91h, length, data +33h, checksum, 16. */
    private static String frame(String address, String data) {
        byte[] meant = HexFormat.of().parseHex(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x68);
        for (int i = 5; i >= 0; i--) {
            bytes.write(Integer.parseInt(address.substring(2 * i, 2 * i + 2), 16));
        }
        bytes.write(0x68);
        bytes.write(0x91);
        bytes.write(meant.length);
        for (byte b : meant) {
            bytes.write((b + 0x33) & 0xFF);
        }
        int sum = 0;
        for (byte b : bytes.toByteArray()) {
            sum += b & 0xFF;
        }
        bytes.write(sum & 0xFF);
        bytes.write(0x16);
        return "FEFEFEFE" + HexFormat.of().formatHex(bytes.toByteArray()).toUpperCase();
    }

    private Api.Response gatewayPost(String path, String username, String secret, String json) {
        String basic = Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return RestClient.create("http://localhost:" + port).post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange((request, response) -> new Api.Response(response.getStatusCode().value(),
                        MqttTestGateway.parse(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))));
    }

    private static JsonNode nextCommand(MqttTestGateway gateway, String action) throws InterruptedException {
        while (true) {
            JsonNode command = gateway.nextCommand();
            if (command.get("action").asText().equals(action)) {
                return command;
            }
        }
    }

    private String registerGateway(Api landlord, String gatewayId) {
        Api.Response created = landlord.post("/api/gateways", """
                {"gatewayId":"%s","propertyId":"p-%s","name":"DTU %s"}""".formatted(gatewayId, id, gatewayId));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("mqttUsername")).isEqualTo(TENANT_A + "/" + gatewayId);
        return created.text("secret");
    }

    private void attach(Api landlord, String gatewayId, String meterId, String address) {
        assertThat(landlord.put("/api/gateways/%s/meters/%s".formatted(gatewayId, meterId), """
                {"address":"%s"}""".formatted(address)).status()).isEqualTo(204);
    }

    private Api moveIn(Api landlord, long credit) {
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":%d,"currency":"EUR","reference":"cash-1","purchaseSequence":1}""".formatted(credit))
                .status()).isEqualTo(201);
        return landlord;
    }

    private static String hour(int hours) {
        return MOVE_IN.plus(Duration.ofHours(hours)).toString();
    }

    private static String reading(String address, String readAt, String total) {
        return """
                {"meter":"%s","readAt":"%s","kind":"INTERVAL","registers":{"total":"%s"}}""".formatted(address, readAt, total);
    }

    private static String readings(String batchId, String... items) {
        return """
                {"v":1,"batchId":"%s","sentAt":"%s","readings":[%s]}""".formatted(batchId, Instant.now(), String.join(",", items));
    }

    private static String acks(String commandId, String address, boolean executed) {
        return """
                {"v":1,"sentAt":"%s","acks":[{"commandId":"%s","meter":"%s","executed":%s}]}"""
                .formatted(Instant.now(), commandId, address, executed);
    }

    private void awaitAccount(Api landlord, String field, String expected) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/a-%s".formatted(id)).text(field)).isEqualTo(expected));
    }
}
