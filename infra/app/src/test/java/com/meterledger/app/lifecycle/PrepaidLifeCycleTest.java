package com.meterledger.app.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole money-and-supply life cycle of one account on real PostgreSQL, at 100 cents per kWh so every charge
 * is easy to check by hand. Default levels: warnings at 20.00 and 5.00, cut-off at 0, reconnect from 1.00.
 */
class PrepaidLifeCycleTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    JdbcClient jdbc;

    private EventStore events;
    private String id;
    private int hour;

    @BeforeEach
    void names() {
        events = new EventStore(jdbc);
        id = UUID.randomUUID().toString().substring(0, 8);
        hour = 0;
    }

    @Test
    void moveInConsumptionWarningsDepletionCutTopUpRestoreEmergencyCreditAndMoveOut() {
        Api landlord = moveIn(as(TENANT_A));
        assertThat(topUp(landlord, 3_000, "cash-1", 1).status()).isEqualTo(201);

        read(landlord, "5");                      // 500 -> balance 2500
        read(landlord, "11");                     // 600 -> 1900: first warning (20.00)
        read(landlord, "26");                     // 1500 -> 400: second warning (5.00)
        awaitAccount(landlord, "warningLevel", "2");
        read(landlord, "31");                     // 500 -> -100: depleted, cut
        // the cut command is stored in the same transaction as the reading that depleted the account
        assertThat(events.ofType("m-" + id, "SupplyCommandIssued")).hasSize(1);
        awaitAccount(landlord, "pendingCommand", "CUT");
        acknowledgeLatestCommand(landlord);
        awaitAccount(landlord, "supplyState", "OFF");

        assertThat(topUp(landlord, 1_000, "cash-2", 2).status()).isEqualTo(201);   // 900 >= 100: restore
        awaitAccount(landlord, "pendingCommand", "RESTORE");
        acknowledgeLatestCommand(landlord);
        awaitAccount(landlord, "supplyState", "ON");

        assertThat(landlord.put("/api/accounts/a-%s/credit-policy".formatted(id), """
                {"emergencyCreditMinor":300,"debtRecoveryPercent":0,"debtRecoveryCapMinor":0}""").status())
                .isEqualTo(204);
        read(landlord, "41");                     // 1000 -> -100: second warning again, and emergency credit
                                                  // of 300 instead of a cut -> 200
        assertThat(topUp(landlord, 500, "cash-3", 3).status()).isEqualTo(201);     // 700, repays 300 -> 400

        assertThat(landlord.post("/api/accounts/a-%s/move-out".formatted(id), """
                {"finalReadAt":"%s","finalRegister":"42","settlement":"REFUND"}""".formatted(nextHour())).status())
                .isEqualTo(204);                  // 100 -> 300, refunded -> 0, closed

        assertThat(events.typesOf("a-" + id)).containsExactly(
                "AccountOpened", "AccountCredited",
                "ConsumptionCharged",
                "ConsumptionCharged", "LowBalanceWarningReached",
                "ConsumptionCharged", "LowBalanceWarningReached",
                "ConsumptionCharged", "BalanceDepleted",
                "AccountCredited", "ReconnectLevelReached",
                "CreditPolicySet",
                "ConsumptionCharged", "LowBalanceWarningReached", "EmergencyCreditGranted",
                "AccountCredited", "EmergencyCreditRepaid",
                "ConsumptionCharged", "BalanceRefunded", "AccountClosed");
        assertThat(events.typesOf("m-" + id)).containsExactly(
                "MeterRegistered", "MeterAttachedToAccount",
                "ReadingRecorded", "ReadingRecorded", "ReadingRecorded", "ReadingRecorded",
                "SupplyDecisionRecorded", "SupplyCommandIssued", "SupplyCommandConfirmed",
                "SupplyDecisionRecorded", "SupplyCommandIssued", "SupplyCommandConfirmed",
                "ReadingRecorded", "ReadingRecorded", "MeterDetachedFromAccount");
        List<JsonNode> decisions = events.ofType("m-" + id, "SupplyDecisionRecorded").stream()
                .map(EventStore.StoredEvent::payload).toList();
        assertThat(decisions.get(0).get("rule").asText()).isEqualTo("balance-at-cut-off");
        assertThat(decisions.get(1).get("rule").asText()).isEqualTo("top-up-above-reconnect-level");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/a-%s".formatted(id)).text("closedAt")).isNotNull());
        // the ledger lines are a projection: wait until it has caught up with the whole history
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Response statement = landlord.get("/api/accounts/a-%s/statement".formatted(id));
            List<String> lines = new ArrayList<>();
            statement.body().get("lines").forEach(line ->
                    lines.add(line.get("kind").asText() + " " + line.get("amountMinor").asLong() + " = "
                            + line.get("balanceAfterMinor").asLong()));
            assertThat(lines).containsExactly(
                    "CREDIT 3000 = 3000",
                    "CHARGE -500 = 2500",
                    "CHARGE -600 = 1900",
                    "CHARGE -1500 = 400",
                    "CHARGE -500 = -100",
                    "CREDIT 1000 = 900",
                    "CHARGE -1000 = -100",
                    "EMERGENCY_CREDIT 300 = 200",
                    "CREDIT 500 = 700",
                    "EMERGENCY_CREDIT_REPAID -300 = 400",
                    "CHARGE -100 = 300",
                    "REFUND -300 = 0");
            assertThat(statement.number("totalCreditsMinor")).isEqualTo(4_800);
            assertThat(statement.number("totalChargesMinor")).isEqualTo(4_800);
            assertThat(statement.number("closingBalanceMinor")).isZero();
        });
        assertThat(topUp(landlord, 100, "after-close", 4).status()).isEqualTo(422);
    }

    @Test
    void insideTheFriendlyWindowTheCutIsDeferredAndRecordedWithItsRule() {
        Api landlord = moveIn(as(TENANT_WITH_FRIENDLY_WINDOW));
        assertThat(topUp(landlord, 100, "cash-1", 1).status()).isEqualTo(201);
        read(landlord, "2");                      // 200 -> -100: depleted at night
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !events.ofType("m-" + id, "SupplyDecisionRecorded").isEmpty());
        JsonNode decision = events.ofType("m-" + id, "SupplyDecisionRecorded").getFirst().payload();
        assertThat(decision.get("decision").asText()).isEqualTo("DEFER");
        assertThat(decision.get("rule").asText()).isEqualTo("friendly-window");
        assertThat(events.ofType("m-" + id, "SupplyCommandIssued")).isEmpty();
    }

    @Test
    void aProtectedMeterStaysOnAtZeroAndTheDecisionSaysWhy() {
        Api landlord = moveIn(as(TENANT_A));
        assertThat(landlord.post("/api/meters/m-%s/protection".formatted(id), """
                {"protect":true,"reason":"medical equipment"}""").status()).isEqualTo(204);
        assertThat(topUp(landlord, 100, "cash-1", 1).status()).isEqualTo(201);
        read(landlord, "2");                      // 200 -> -100
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !events.ofType("m-" + id, "SupplyDecisionRecorded").isEmpty());
        JsonNode decision = events.ofType("m-" + id, "SupplyDecisionRecorded").getFirst().payload();
        assertThat(decision.get("decision").asText()).isEqualTo("KEEP_ON");
        assertThat(decision.get("rule").asText()).isEqualTo("keep-on-protection");
        assertThat(events.ofType("m-" + id, "SupplyCommandIssued")).isEmpty();
    }

    @Test
    void anUnacknowledgedCommandIsRetriedThenAbandonedWithAnAlert() {
        Api landlord = moveIn(as(TENANT_A));
        assertThat(landlord.post("/api/meters/m-%s/supply-commands".formatted(id), """
                {"action":"CUT","reason":"tamper suspected"}""").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                events.ofType("m-" + id, "SupplyCommandTimedOut").size() == 2);
        List<EventStore.StoredEvent> timeouts = events.ofType("m-" + id, "SupplyCommandTimedOut");
        assertThat(timeouts.get(0).payload().get("willRetry").asBoolean()).isTrue();
        assertThat(timeouts.get(1).payload().get("willRetry").asBoolean()).isFalse();
        assertThat(events.ofType("m-" + id, "SupplyCommandIssued")).extracting(e -> e.payload().get("attempt").asInt())
                .containsExactly(1, 2);
        // what a deadline caused carries the tenant like the rest, so the read models (under row-level security) and
        // the downlink apply it: the abandoned command is no longer shown as pending
        assertThat(events.of("m-" + id)).allSatisfy(event ->
                assertThat(event.metadata().path(MetadataKeys.TENANT).asText()).as(event.type()).isEqualTo(TENANT_A));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/a-" + id).body().get("pendingCommand").isNull()).isTrue());
    }

    @Test
    void aUsedPurchaseNumberIsRefusedAndASkippedOneIsFlagged() {
        Api landlord = moveIn(as(TENANT_A));
        assertThat(topUp(landlord, 100, "r-1", 1).status()).isEqualTo(201);
        Api.Response reused = topUp(landlord, 100, "r-2", 1);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("rule")).isEqualTo("purchase-sequence-used");
        assertThat(topUp(landlord, 100, "r-3", 4).status()).isEqualTo(201);
        List<EventStore.StoredEvent> gaps = events.ofType("a-" + id, "PurchaseSequenceGapDetected");
        assertThat(gaps).hasSize(1);
        assertThat(gaps.getFirst().payload().get("expected").asLong()).isEqualTo(2);
        assertThat(gaps.getFirst().payload().get("received").asLong()).isEqualTo(4);
        assertThat(events.ofType("a-" + id, "AccountCredited")).hasSize(2);
    }

    @Test
    void anAdjustmentAboveTheLimitWaitsForASecondPersonAndThenMovesTheBalance() {
        Api landlord = moveIn(as(TENANT_A));
        Api finance = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, "tenant-a-finance", "test-secret"));
        assertThat(topUp(landlord, 10_000, "cash-1", 1).status()).isEqualTo(201);

        Api.Response small = landlord.post("/api/accounts/a-%s/adjustments".formatted(id), """
                {"adjustmentId":"adj-1","amountMinor":-1200,"currency":"EUR","reason":"meter misread on 3 May"}""");
        assertThat(small.status()).isEqualTo(201);
        assertThat(small.text("status")).isEqualTo("APPLIED");

        Api.Response large = landlord.post("/api/accounts/a-%s/adjustments".formatted(id), """
                {"adjustmentId":"adj-2","amountMinor":6000,"currency":"EUR","reason":"goodwill after outage"}""");
        assertThat(large.text("status")).isEqualTo("AWAITING_APPROVAL");
        Api.Response ownApproval = landlord.post("/api/accounts/a-%s/adjustments/adj-2/decision".formatted(id), """
                {"approve":true}""");
        assertThat(ownApproval.status()).isEqualTo(422);
        assertThat(ownApproval.text("rule")).isEqualTo("second-person-required");
        assertThat(finance.post("/api/accounts/a-%s/adjustments/adj-2/decision".formatted(id), """
                {"approve":true,"note":"checked the outage log"}""").text("status")).isEqualTo("APPLIED");

        awaitAccount(landlord, "balanceMinor", Long.toString(10_000 - 1_200 + 6_000));
        List<JsonNode> adjusted = events.ofType("a-" + id, "BalanceAdjusted").stream()
                .map(EventStore.StoredEvent::payload).toList();
        assertThat(adjusted).hasSize(2);
        assertThat(adjusted.get(0).get("approvedBy").isNull()).isTrue();
        assertThat(adjusted.get(1).get("requestedBy").asText()).isEqualTo("tenant-a-admin");
        assertThat(adjusted.get(1).get("approvedBy").asText()).isEqualTo("tenant-a-finance");
    }

    private Api moveIn(Api landlord) {
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        return landlord;
    }

    private Api.Response topUp(Api landlord, long amount, String reference, long sequence) {
        return landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":%d,"currency":"EUR","reference":"%s","purchaseSequence":%d}"""
                .formatted(amount, reference, sequence));
    }

    private void read(Api landlord, String register) {
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(nextHour(), register)).status()).isEqualTo(201);
    }

    private Instant nextHour() {
        return MOVE_IN.plus(Duration.ofHours(++hour));
    }

    private void acknowledgeLatestCommand(Api gateway) {
        List<EventStore.StoredEvent> issued = events.ofType("m-" + id, "SupplyCommandIssued");
        String commandId = issued.getLast().payload().get("commandId").get("value").asText();
        assertThat(gateway.post("/api/meters/m-%s/supply-commands/%s/acknowledgement".formatted(id, commandId),
                """
                {"executed":true}""").status()).isEqualTo(204);
    }

    private void awaitAccount(Api landlord, String field, String expected) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/a-%s".formatted(id)).text(field)).isEqualTo(expected));
    }
}
