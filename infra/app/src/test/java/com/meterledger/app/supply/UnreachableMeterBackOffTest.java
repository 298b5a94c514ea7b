package com.meterledger.app.supply;

import com.meterledger.app.support.TestPeople;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.GatewayHttp;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.UiSession;
import com.meterledger.api.supply.ReconcileSupply;
import com.meterledger.core.config.SupplyReconciliationSchedule;
import com.meterledger.core.supply.SupplyReconciler;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A depleted meter behind a gateway that never says a word: every CUT goes unanswered and is abandoned (the tests'
 * settings: 2 s to acknowledge, 2 attempts, a reconciler pass every 2 s, so a back-off of 2 s, 4 s, 8 s...). The
 * reconciler used to issue the cut again about every fourth pass, for ever; now it waits twice as long after each
 * abandonment, which the meter's own events show, and the gateway's first message puts the cut on its way at once.
 * While the meter waits, the reconciler's passes do not even ask it (its read model leaves the meter out until the
 * wait is over), and a gateway that only polls for its commands is back with its first poll.
 */
class UnreachableMeterBackOffTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
    private static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(UnreachableMeterBackOffTest.class);

    private final JdbcClient owner = OwnerJdbc.client();
    @Autowired
    SupplyReconciliationSchedule schedule;
    @Autowired
    QueryGateway queries;
    @Autowired
    CommandBus commandBus;
    private String id;
    private String secret;

    @BeforeEach
    void names() {
        id = "bo-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One stored event of the meter, with the moment it was stored. */
    private record Stored(long sequence, String type, Instant at, JsonNode payload) {
    }

    private List<Stored> events() {
        return owner.sql("""
                        select sequence_number, payload_type, time_stamp, payload from domain_event_entry
                        where aggregate_identifier = ? order by sequence_number""")
                .param("m-" + id)
                .query((rs, row) -> new Stored(rs.getLong(1),
                        rs.getString(2).substring(rs.getString(2).lastIndexOf('.') + 1),
                        Instant.parse(rs.getString(3)), json(rs.getBytes(4))))
                .list();
    }

    private List<Stored> events(String type) {
        return events().stream().filter(event -> event.type().equals(type)).toList();
    }

    private static JsonNode json(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A meter with 1.00 on its account, attached to a gateway that has never been heard from, depleted by a reading. */
    private Api depletedBehindASilentGateway() {
        Api landlord = as(TENANT_A);
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
        // read on site and typed in: 100 - 200 = -100, depleted, a CUT goes to the gateway, which never answers
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"2"}""".formatted(MOVE_IN.plus(Duration.ofHours(1)))).status())
                .isEqualTo(201);
        return landlord;
    }

    @Test
    void anUnreachableMetersCutIsIssuedAgainAfterWaitsThatDoubleAndItsGatewaysReturnSendsItAtOnce() {
        Api landlord = depletedBehindASilentGateway();

        // three abandonments in a row: about 6 s + 2 s + 6 s + 4 s + 6 s, some fifteen reconcile passes
        await().atMost(Duration.ofSeconds(120)).until(() -> events("SupplyRetryDeferred").size() >= 3);
        List<Stored> deferred = events("SupplyRetryDeferred");
        assertThat(deferred).extracting(d -> d.payload().get("abandonmentsInARow").asInt()).startsWith(1, 2, 3);
        assertThat(deferred).allSatisfy(d -> assertThat(d.payload().get("action").asText()).isEqualTo("CUT"));
        for (int i = 0; i < 3; i++) {
            // the wait doubles: 2 s, 4 s, 8 s from the abandonment (its moment and the event's are read a moment apart)
            Duration wait = Duration.between(deferred.get(i).at(), Instant.parse(deferred.get(i).payload()
                    .get("notBefore").asText()));
            Duration expected = RECONCILE_INTERVAL.multipliedBy(1L << i);
            assertThat(wait).isBetween(expected.minusMillis(500), expected.plusMillis(500));
        }

        // each cut after the first was issued by the reconciler, and never before its wait was over
        List<Stored> cuts = events("SupplyCommandIssued").stream()
                .filter(issued -> issued.payload().get("attempt").asInt() == 1).toList();
        assertThat(cuts.size()).isGreaterThanOrEqualTo(3);
        for (int i = 1; i < cuts.size(); i++) {
            Instant notBefore = Instant.parse(deferred.get(i - 1).payload().get("notBefore").asText());
            assertThat(cuts.get(i).at()).as("cut %d", i + 1).isAfterOrEqualTo(notBefore);
        }
        // the bound: from the first abandonment on, the cuts issued grow with the logarithm of the passes
        Instant firstAbandoned = deferred.getFirst().at();
        List<Stored> stream = events();
        long passes = Duration.between(firstAbandoned, stream.getLast().at()).dividedBy(RECONCILE_INTERVAL) + 1;
        long reissued = cuts.stream().filter(cut -> cut.at().isAfter(firstAbandoned)).count();
        assertThat(reissued).as("cuts issued again over %d reconcile passes", passes)
                .isLessThanOrEqualTo(log2(passes) + 1);
        long supplyEvents = stream.stream().filter(event -> event.at().isAfter(firstAbandoned)).count();
        assertThat(supplyEvents).as("events of the meter over %d passes", passes)
                .isLessThanOrEqualTo(reissued * 6);    // a decision, two attempts, two time-outs and a deferral each
        log.info("unreachable meter m-{}: {} cuts issued again and {} events over {} reconcile passes after the first "
                + "abandonment (without the back-off: a cut about every fifth pass)", id, reissued, supplyEvents, passes);

        // the abandoned cut's alert says when the next attempt may be, in the reader's language and zone
        JsonNode alert = await().atMost(Duration.ofSeconds(30)).until(() -> commandFailedAlert(landlord),
                Optional::isPresent).orElseThrow();
        assertThat(alert.get("figures").get("abandonmentsInARow").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(Instant.parse(alert.get("figures").get("nextAttemptAt").asText())).isAfter(firstAbandoned);
        UiSession admin = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        assertThat(page(admin, "/ui/alerts?state=OPEN&property=p-" + id + "&lang=en"))
                .contains("Next attempt, if still needed, not before", "Commands abandoned in a row");
        assertThat(page(admin, "/ui/alerts?state=OPEN&property=p-" + id + "&lang=zh-CN"))
                .contains("如仍需要，下次尝试不早于", "连续放弃的命令数");
        page(admin, "/ui/alerts?lang=en");

        // the gateway is heard from while the meter waits: the back-off ends and the cut goes down in the same step
        await().atMost(Duration.ofSeconds(60)).until(() -> events().getLast().type().equals("SupplyRetryDeferred"));
        assertThat(gatewayCall("POST", "/gateway/v1/heartbeat", """
                {"v":1,"sentAt":"%s","firmware":"dtu-2.4.1"}""".formatted(Instant.now())).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events("SupplyBackOffEnded").isEmpty());
        Stored ended = events("SupplyBackOffEnded").getFirst();
        assertThat(ended.payload().get("signal").asText()).isEqualTo("GATEWAY_BACK_ONLINE");
        List<Stored> after = events().stream().filter(event -> event.sequence() > ended.sequence()).toList();
        assertThat(after).extracting(Stored::type).startsWith("SupplyDecisionRecorded", "SupplyCommandIssued");
        assertThat(after.get(0).payload().get("rule").asText()).isEqualTo("reconciled-balance-at-cut-off");
        assertThat(after.get(1).payload().get("attempt").asInt()).isEqualTo(1);

        // and the gateway, polling now, is offered that cut and confirms it
        String cut = after.get(1).payload().get("commandId").get("value").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> pending().stream()
                .anyMatch(command -> command.get("commandId").asText().equals(cut)));
        JsonNode acks = uplink("/gateway/v1/acks", """
                {"v":1,"sentAt":"%s","acks":[{"commandId":"%s","meter":"addr-%s","executed":true}]}"""
                .formatted(Instant.now(), cut, id));
        assertThat(acks.get("accepted").asInt()).as(acks.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/a-%s".formatted(id)).text("supplyState")).isEqualTo("OFF"));
    }

    @Test
    void aTopUpAboveTheReconnectLevelRestoresAtOnceWhileTheCutIsBackedOff() {
        Api landlord = depletedBehindASilentGateway();
        await().atMost(Duration.ofSeconds(60)).until(() -> !events("SupplyRetryDeferred").isEmpty());

        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":1000,"currency":"EUR","reference":"cash-2","purchaseSequence":2}""").status())
                .isEqualTo(201);                                                 // 900: above the reconnect level

        await().atMost(Duration.ofSeconds(30)).until(() -> events("SupplyCommandIssued").stream()
                .anyMatch(issued -> issued.payload().get("action").asText().equals("RESTORE")));
        Stored restore = events("SupplyCommandIssued").stream()
                .filter(issued -> issued.payload().get("action").asText().equals("RESTORE")).findFirst().orElseThrow();
        // the top-up's own decision, not a reconciler's pass after a wait
        assertThat(restore.payload().get("rule").asText()).isEqualTo("top-up-above-reconnect-level");
        assertThat(restore.payload().get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void aPassDuringTheWaitDoesNotAskTheBackedOffMeterAndAPassAfterItIssuesTheCut() {
        schedule.stop();                                   // only this test's passes, at the moments it chooses
        try {
            depletedBehindASilentGateway();
            await().atMost(Duration.ofSeconds(60)).until(() -> !events("SupplyRetryDeferred").isEmpty());
            Stored deferred = events("SupplyRetryDeferred").getFirst();
            Instant notBefore = Instant.parse(deferred.payload().get("notBefore").asText());
            await().atMost(Duration.ofSeconds(30)).until(() -> readModelsNextAttempt() != null);
            // the database keeps the moment to the microsecond
            assertThat(readModelsNextAttempt()).isCloseTo(notBefore, within(1, ChronoUnit.MILLIS));
            List<String> asked = new CopyOnWriteArrayList<>();
            MessageDispatchInterceptor<CommandMessage<?>> recordAsked = commands -> (index, command) -> {
                if (command.getPayload() instanceof ReconcileSupply reconcile) {
                    asked.add(reconcile.meterId().value());
                }
                return command;
            };
            CommandGateway recorded = DefaultCommandGateway.builder().commandBus(commandBus)
                    .dispatchInterceptors(recordAsked).build();

            SupplyReconciler duringTheWait = new SupplyReconciler(queries, recorded, 500,
                    Clock.fixed(notBefore.minusMillis(1), ZoneOffset.UTC));
            duringTheWait.reconcile();
            duringTheWait.reconcile();                     // the second sighting is when a meter would be asked
            assertThat(asked).as("meters asked during the wait").doesNotContain("m-" + id);
            assertThat(events().getLast().sequence()).isEqualTo(deferred.sequence());

            await().atMost(Duration.ofSeconds(30)).until(() -> !Instant.now().isBefore(notBefore));
            SupplyReconciler afterTheWait = new SupplyReconciler(queries, recorded, 500, Clock.systemUTC());
            afterTheWait.reconcile();
            afterTheWait.reconcile();
            assertThat(asked).as("meters asked after the wait").contains("m-" + id);
            List<Stored> after = events().stream().filter(event -> event.sequence() > deferred.sequence()).toList();
            assertThat(after).extracting(Stored::type).startsWith("SupplyDecisionRecorded", "SupplyCommandIssued");
            assertThat(after.get(0).payload().get("rule").asText()).isEqualTo("reconciled-balance-at-cut-off");
            assertThat(after.get(1).payload().get("attempt").asInt()).isEqualTo(1);
            log.info("backed-off meter m-{}: {} meters asked by the passes, the meter only after its wait", id,
                    asked.size());
        } finally {
            schedule.start();
        }
    }

    @Test
    void aGatewayThatOnlyPollsIsBackWhenItPollsAndItsBackedOffMeterGetsItsCutAtOnce() {
        schedule.stop();                                   // no pass after the wait: only the poll can send the cut
        try {
            Api landlord = depletedBehindASilentGateway();
            await().atMost(Duration.ofSeconds(60)).until(() -> events().getLast().type().equals("SupplyRetryDeferred"));
            Stored deferred = events("SupplyRetryDeferred").getLast();

            // the gateway sends no heartbeat, reading or acknowledgement: it only asks for its commands
            pending();
            await().atMost(Duration.ofSeconds(30)).until(() -> !events("SupplyBackOffEnded").isEmpty());
            Stored ended = events("SupplyBackOffEnded").getFirst();
            assertThat(ended.sequence()).isGreaterThan(deferred.sequence());
            assertThat(ended.payload().get("signal").asText()).isEqualTo("GATEWAY_BACK_ONLINE");
            List<Stored> after = events().stream().filter(event -> event.sequence() > ended.sequence()).toList();
            assertThat(after).extracting(Stored::type).startsWith("SupplyDecisionRecorded", "SupplyCommandIssued");
            assertThat(after.get(0).payload().get("rule").asText()).isEqualTo("reconciled-balance-at-cut-off");
            String cut = after.get(1).payload().get("commandId").get("value").asText();

            // its next poll is offered the cut, and the gateway shows online
            await().atMost(Duration.ofSeconds(30)).until(() -> pending().stream()
                    .anyMatch(command -> command.get("commandId").asText().equals(cut)));
            assertThat(landlord.get("/api/gateways/gw-" + id).body().get("online").asBoolean()).isTrue();
        } finally {
            schedule.start();
        }
    }

    /** The moment the supply reconciler's read model lets it ask the meter again (null: no wait). */
    private Instant readModelsNextAttempt() {
        return owner.sql("select retry_not_before from meter_view where tenant_id = ? and meter_id = ?")
                .params(TENANT_A, "m-" + id)
                .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional().orElse(null);
    }

    private static int log2(long n) {
        return 63 - Long.numberOfLeadingZeros(n);
    }

    private Optional<JsonNode> commandFailedAlert(Api landlord) {
        Api.Response page = landlord.get("/api/alerts?kind=COMMAND_FAILED&property=p-" + id);
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        return StreamSupport.stream(page.body().get("alerts").spliterator(), false)
                .filter(alert -> alert.get("subjectId").asText().equals("m-" + id)
                        && alert.get("figures").has("nextAttemptAt"))
                .findFirst();
    }

    private static String page(UiSession person, String path) {
        UiSession.Page page = person.get(path);
        assertThat(page.status()).isEqualTo(200);
        return page.body();
    }

    /** What the gateway is offered when it polls. */
    private List<JsonNode> pending() {
        JsonNode commands = gatewayCall("GET", "/gateway/v1/commands", null).body().get("commands");
        return StreamSupport.stream(commands.spliterator(), false).toList();
    }

    private JsonNode uplink(String path, String json) {
        Api.Response answer = gatewayCall("POST", path, json);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private Api.Response gatewayCall(String method, String path, String json) {
        return new GatewayHttp(port, TENANT_A, "gw-" + id, secret).call(method, path, json);
    }
}
