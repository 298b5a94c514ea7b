package com.meterledger.app.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.GatewayHttp;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.query.alert.AlertEvaluator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerts inbox for the two kinds that begin at a gateway, end to end: the gateway's own HTTP uplink sends the
 * readings and the acknowledgements (or withholds them), the alert shows in {@code GET /api/alerts} and on the
 * alerts page in English and Chinese, a person acknowledges it, and the gateway's later confirmation resolves it.
 * The tests' supply settings: 2 s to acknowledge, 2 attempts, a reconciler pass every 2 s. 100 cents per kWh.
 */
class SupplyAlertsTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    AlertEvaluator evaluator;

    private String id;
    private String secret;

    @BeforeEach
    void names() {
        id = "sa-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Given a meter behind its own gateway with 1.00 on its account, and a reading that depletes it: a CUT is sent. */
    private JsonNode depletedBehindAGateway(Api landlord) {
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100,"currency":"EUR","reference":"cash-1","purchaseSequence":1}""").status())
                .isEqualTo(201);
        Api.Response gateway = landlord.post("/api/gateways", """
                {"gatewayId":"gw-%s","propertyId":"p-%s","name":"DTU %s"}""".formatted(id, id, id));
        assertThat(gateway.status()).isEqualTo(201);
        secret = gateway.text("secret");
        assertThat(landlord.put("/api/gateways/gw-%s/meters/m-%s".formatted(id, id), """
                {"address":"addr-%s"}""".formatted(id)).status()).isEqualTo(204);
        JsonNode taken = uplink("/gateway/v1/readings", readings(MOVE_IN.plus(Duration.ofHours(1)), "2"));
        assertThat(taken.get("accepted").asInt()).as(taken.toString()).isEqualTo(1);    // 100 - 200: depleted
        return nextCommand();
    }

    /** What the gateway is offered when it polls: the commands sent to it and not answered or given up yet. */
    private List<JsonNode> pending() {
        JsonNode commands = gatewayCall("GET", "/gateway/v1/commands", null).body().get("commands");
        return StreamSupport.stream(commands.spliterator(), false).toList();
    }

    /** The gateway polls until it is offered a command. */
    private JsonNode nextCommand() {
        return await().atMost(Duration.ofSeconds(30)).until(() -> pending().stream().findFirst().orElse(null),
                command -> command != null);
    }

    private static String idOf(JsonNode command) {
        return command.get("commandId").asText();
    }

    private JsonNode uplink(String path, String json) {
        Api.Response answer = gatewayCall("POST", path, json);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private Api.Response gatewayCall(String method, String path, String json) {
        return new GatewayHttp(port, TENANT_A, "gw-" + id, secret).call(method, path, json);
    }

    private String readings(Instant readAt, String total) {
        return """
                {"v":1,"batchId":"b-%s-%s","sentAt":"%s","readings":[{"meter":"addr-%s","readAt":"%s",
                 "kind":"INTERVAL","registers":{"total":"%s"}}]}"""
                .formatted(id, readAt.getEpochSecond(), Instant.now(), id, readAt, total);
    }

    private String acks(JsonNode command, boolean executed) {
        return """
                {"v":1,"sentAt":"%s","acks":[{"commandId":"%s","meter":"addr-%s","executed":%s,
                 "detail":"relay did not move"}]}""".formatted(Instant.now(), command.get("commandId").asText(), id,
                executed);
    }

    private Optional<JsonNode> alertOn(Api api, String kind) {
        Api.Response page = api.get("/api/alerts?kind=%s&property=p-%s".formatted(kind, id));
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        return StreamSupport.stream(page.body().get("alerts").spliterator(), false)
                .filter(alert -> alert.get("subjectId").asText().equals("m-" + id)).findFirst();
    }

    /** The alerts page of the property, as a signed-in administrator reads it in English and in Chinese. */
    private static String page(UiSession person, String path) {
        UiSession.Page page = person.get(path);
        assertThat(page.status()).isEqualTo(200);
        return page.body();
    }

    @Test
    void givenAGatewayThatNeverAcknowledgesACutWhenItsRetriesRunOutThenTheAbandonedCommandIsAnAlertUntilAConfirmedCut() {
        Api landlord = as(TENANT_A);
        JsonNode cut = depletedBehindAGateway(landlord);
        assertThat(cut.get("action").asText()).isEqualTo("CUT");

        // the gateway stays silent: 2 s, a second attempt, 4 s, abandoned
        JsonNode alert = await().atMost(Duration.ofSeconds(30)).until(() -> alertOn(landlord, "COMMAND_FAILED"),
                Optional::isPresent).orElseThrow();

        assertThat(alert.get("state").asText()).isEqualTo("OPEN");
        assertThat(alert.get("rule").asText()).isEqualTo("supply-command-abandoned");
        assertThat(alert.get("subjectType").asText()).isEqualTo("meter");
        assertThat(alert.get("propertyId").asText()).isEqualTo("p-" + id);
        assertThat(alert.get("figures").get("commandId").asText()).isEqualTo(cut.get("commandId").asText());
        assertThat(alert.get("figures").get("action").asText()).isEqualTo("CUT");
        assertThat(alert.get("figures").get("attempt").asText()).isEqualTo("2");
        String alertId = alert.get("alertId").asText();

        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        String english = page(admin, "/ui/alerts?state=OPEN&property=p-" + id);
        assertThat(english).contains("id=\"alert-" + alertId + "\"", "Control command failed",
                "supply-command-abandoned", "m-" + id, "Attempt", "<dd>Cut</dd>").doesNotContain("<dd>CUT</dd>");
        String chinese = page(admin, "/ui/alerts?state=OPEN&property=p-" + id + "&lang=zh-CN");
        assertThat(chinese).contains("id=\"alert-" + alertId + "\"", "控制命令失败", "<dd>断电</dd>");
        page(admin, "/ui/alerts?lang=en");

        Api.Response acknowledged = landlord.post("/api/alerts/%s/acknowledgement".formatted(alertId), """
                {"note":"Gateway in the riser cupboard restarted"}""");
        assertThat(acknowledged.status()).as(acknowledged.body().toString()).isEqualTo(200);
        assertThat(acknowledged.text("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(page(admin, "/ui/alerts?property=p-" + id)).contains("Gateway in the riser cupboard restarted");

        // the abandoned command is not offered any more; the reconciler sends the cut again, and this time the
        // gateway confirms what it is offered: the condition has cleared
        assertThat(pending()).extracting(SupplyAlertsTest::idOf).doesNotContain(idOf(cut));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode command : pending()) {
                assertThat(command.get("action").asText()).isEqualTo("CUT");
                uplink("/gateway/v1/acks", acks(command, true));
            }
            return alertOn(landlord, "COMMAND_FAILED").orElseThrow().get("state").asText().equals("RESOLVED");
        });
        assertThat(alertOn(landlord, "COMMAND_FAILED").orElseThrow().get("note").asText())
                .isEqualTo("Gateway in the riser cupboard restarted");
    }

    @Test
    void givenARelayThatDidNotMoveOnEitherAttemptWhenTheLastAttemptFailsThenTheFailedCommandIsAnAlertAcknowledgedOnThePage() {
        Api landlord = as(TENANT_A);
        JsonNode cut = depletedBehindAGateway(landlord);
        // the gateway answers every attempt it is offered at once: the relay did not move. The second attempt is
        // offered again after the first one's answer (on a loaded machine the answer may reach the second attempt)
        JsonNode alert = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<JsonNode> offered = pending();
            for (JsonNode command : offered) {
                uplink("/gateway/v1/acks", acks(command, false));
            }
            return offered.isEmpty() ? alertOn(landlord, "COMMAND_FAILED") : Optional.<JsonNode>empty();
        }, Optional::isPresent).orElseThrow();
        assertThat(alert.get("figures").get("commandId").asText()).isEqualTo(idOf(cut));
        assertThat(alert.get("state").asText()).isEqualTo("OPEN");
        assertThat(alert.get("rule").asText()).isEqualTo("supply-command-failed");
        assertThat(alert.get("figures").get("attempt").asText()).isEqualTo("2");
        assertThat(alert.get("figures").get("detail").asText()).isEqualTo("relay did not move");
        String alertId = alert.get("alertId").asText();

        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        assertThat(page(admin, "/ui/alerts?state=OPEN&property=p-" + id)).contains("id=\"alert-" + alertId + "\"",
                "supply-command-failed", "relay did not move", "<dd>Cut</dd>", "note-" + alertId);
        UiSession.Page acknowledged = admin.post("/ui/alerts/%s/acknowledgement?note=%s".formatted(alertId,
                "Electrician%20replaces%20the%20relay"));
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.body()).contains("id=\"alert-acknowledged\"");

        JsonNode stored = alertOn(landlord, "COMMAND_FAILED").orElseThrow();
        assertThat(stored.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(stored.get("note").asText()).isEqualTo("Electrician replaces the relay");
        assertThat(page(admin, "/ui/alerts?property=p-" + id)).contains("Electrician replaces the relay")
                .doesNotContain("note-" + alertId);
    }

    @Test
    void givenSupplyConfirmedOffWhenTheGatewayStillReportsConsumptionThenABypassAlertShowsTheFiguresUntilSupplyIsBackOn() {
        Api landlord = as(TENANT_A);
        JsonNode cut = depletedBehindAGateway(landlord);
        assertThat(uplink("/gateway/v1/acks", acks(cut, true)).get("accepted").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                landlord.get("/api/accounts/a-" + id).text("supplyState").equals("OFF"));

        // the relay reports off, yet the register goes on rising: a bypass, or a relay stuck closed
        Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(later));
        assertThat(uplink("/gateway/v1/readings", readings(later, "2.5")).get("accepted").asInt()).isEqualTo(1);

        JsonNode alert = await().atMost(Duration.ofSeconds(20)).until(() -> {
            evaluator.evaluate(new TenantId(TENANT_A), Instant.now());
            return alertOn(landlord, "CONSUMPTION_WHILE_OFF");
        }, Optional::isPresent).orElseThrow();
        assertThat(alert.get("state").asText()).isEqualTo("OPEN");
        assertThat(alert.get("rule").asText()).isEqualTo("consumption-while-supply-off");
        assertThat(alert.get("figures").get("registerAtOff").asText()).isEqualTo("2.000");
        assertThat(alert.get("figures").get("latestRegister").asText()).isEqualTo("2.500");
        assertThat(alert.get("figures").get("usedWhileOff").asText()).isEqualTo("0.500");
        String alertId = alert.get("alertId").asText();
        // a second pass finds it open: still one alert
        evaluator.evaluate(new TenantId(TENANT_A), Instant.now());
        assertThat(landlord.get("/api/alerts?kind=CONSUMPTION_WHILE_OFF&property=p-" + id).body().get("total")
                .asLong()).isEqualTo(1);

        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        assertThat(page(admin, "/ui/alerts?state=OPEN&property=p-" + id)).contains("id=\"alert-" + alertId + "\"",
                "Consumption while supply is off", "Used while off", "0.500");
        assertThat(page(admin, "/ui/alerts?state=OPEN&property=p-" + id + "&lang=zh-CN"))
                .contains("断供期间仍有用量", "0.500");
        page(admin, "/ui/alerts?lang=en");
        assertThat(admin.post("/ui/alerts/%s/acknowledgement?note=%s".formatted(alertId,
                "Seal%20checked%20on%20site")).body()).contains("id=\"alert-acknowledged\"");
        assertThat(alertOn(landlord, "CONSUMPTION_WHILE_OFF").orElseThrow().get("state").asText())
                .isEqualTo("ACKNOWLEDGED");

        // paid up: the restore is confirmed, the condition is over
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":1000,"currency":"EUR","reference":"cash-2","purchaseSequence":2}""").status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode command : pending()) {
                assertThat(command.get("action").asText()).isEqualTo("RESTORE");
                uplink("/gateway/v1/acks", acks(command, true));
            }
            return alertOn(landlord, "CONSUMPTION_WHILE_OFF").orElseThrow().get("state").asText().equals("RESOLVED");
        });
        evaluator.evaluate(new TenantId(TENANT_A), Instant.now());
        assertThat(alertOn(landlord, "CONSUMPTION_WHILE_OFF").orElseThrow().get("state").asText())
                .isEqualTo("RESOLVED");
    }
}
