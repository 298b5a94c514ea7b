package com.meterledger.app.lifecycle;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
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
 * Meter replacement mid-life on real PostgreSQL, at 100.5 minor units per kWh so every charge of 1.5 kWh is
 * 150.75 and the carried remainder is visible: the account continues on the new meter with its balance and carry,
 * the old meter refuses further readings, and the new meter's register wraps at a declared rollover.
 */
class MeterReplacementTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    JdbcClient jdbc;

    private EventStore events;
    private String id;

    @BeforeEach
    void names() {
        events = new EventStore(jdbc);
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theAccountContinuesOnTheNewMeterAndTheOldOneIsRetired() {
        Api landlord = as(TENANT_A);
        moveIn(landlord);
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":10000,"currency":"EUR","reference":"cash-1","purchaseSequence":1}""").status())
                .isEqualTo(201);
        assertThat(read(landlord, "m-" + id, 1, "1.5").status()).isEqualTo(201);   // 150.75 -> 150, carry 0.75

        // the old meter still supplies the account: it cannot be decommissioned yet
        Api.Response early = landlord.post("/api/meters/m-%s/decommission".formatted(id), """
                {"reason":"display broken"}""");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("rule")).isEqualTo("meter-supplies-an-account");

        assertThat(landlord.post("/api/meters", """
                {"meterId":"n-%s","unitId":"u-%s","utility":"ELECTRICITY","serialNumber":"SN-N-%s"}"""
                .formatted(id, id, id)).status()).isEqualTo(201);
        // final 3 on the old meter: 150.75 + 0.75 = 151.5 -> 151, carry 0.5; the new one opens at 999
        assertThat(landlord.post("/api/accounts/a-%s/meter-replacement".formatted(id), """
                {"oldMeterId":"m-%s","oldFinalReadAt":"%s","oldFinalRegister":"3",
                 "newMeterId":"n-%s","newOpeningReadAt":"%s","newOpeningRegister":"999"}"""
                .formatted(id, at(2), id, at(2))).status()).isEqualTo(204);

        // the old meter is decommissioned: a reading is refused by rule and nothing is stored
        int oldEvents = events.of("m-" + id).size();
        Api.Response late = read(landlord, "m-" + id, 3, "4");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("rule")).isEqualTo("meter-decommissioned");
        assertThat(events.of("m-" + id)).hasSize(oldEvents);
        assertThat(landlord.post("/api/meters/m-%s/decommission".formatted(id), """
                {"reason":"again"}""").status()).isEqualTo(204);           // idempotent
        assertThat(events.of("m-" + id)).hasSize(oldEvents);

        // the new meter's 4-digit register wraps at 1000: (1000 - 999) + 0.5 = 1.5 kWh
        assertThat(landlord.post("/api/meters/n-%s/rollover".formatted(id), """
                {"rolloverAt":"1000","reason":"four-digit register"}""").status()).isEqualTo(204);
        assertThat(read(landlord, "n-" + id, 3, "0.5").status()).isEqualTo(201);  // 150.75 + 0.5 -> 151, carry 0.25

        assertThat(events.typesOf("a-" + id)).containsExactly(
                "AccountOpened", "AccountCredited", "ConsumptionCharged", "ConsumptionCharged", "MeterReplaced",
                "ConsumptionCharged");
        assertThat(events.typesOf("m-" + id)).containsExactly(
                "MeterRegistered", "MeterAttachedToAccount", "ReadingRecorded", "ReadingRecorded",
                "MeterDetachedFromAccount", "MeterDecommissioned");
        assertThat(events.typesOf("n-" + id)).containsExactly(
                "MeterRegistered", "MeterAttachedToAccount", "RegisterRolloverDeclared", "RegisterRolledOver",
                "ReadingRecorded");
        List<String> charges = new ArrayList<>();
        events.ofType("a-" + id, "ConsumptionCharged").forEach(charge -> charges.add(
                charge.payload().get("meterId").get("value").asText().charAt(0) + " "
                        + charge.payload().get("amount").get("minorUnits").asLong() + " carry "
                        + charge.payload().get("remainderCarried").decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(charges).containsExactly("m 150 carry 0.75", "m 151 carry 0.5", "n 151 carry 0.25");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            Api.Response account = landlord.get("/api/accounts/a-%s".formatted(id));
            assertThat(account.text("meterId")).isEqualTo("n-" + id);
            assertThat(account.text("balanceMinor")).isEqualTo("9548");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Response statement = landlord.get("/api/accounts/a-%s/statement".formatted(id));
            List<String> lines = new ArrayList<>();
            statement.body().get("lines").forEach(line ->
                    lines.add(line.get("kind").asText() + " " + line.get("amountMinor").asLong() + " = "
                            + line.get("balanceAfterMinor").asLong()));
            assertThat(lines).containsExactly(
                    "CREDIT 10000 = 10000",
                    "CHARGE -150 = 9850",
                    "CHARGE -151 = 9699",
                    "CHARGE -151 = 9548");
        });
    }

    @Test
    void aReplacementByAMeterThatAlreadySuppliesAnAccountStoresNothing() {
        Api landlord = as(TENANT_A);
        moveIn(landlord);
        String other = id;
        id = UUID.randomUUID().toString().substring(0, 8);
        moveIn(landlord);
        int before = events.of("a-" + id).size() + events.of("m-" + id).size() + events.of("m-" + other).size();
        Api.Response refused = landlord.post("/api/accounts/a-%s/meter-replacement".formatted(id), """
                {"oldMeterId":"m-%s","oldFinalReadAt":"%s","oldFinalRegister":"1",
                 "newMeterId":"m-%s","newOpeningReadAt":"%s","newOpeningRegister":"0"}"""
                .formatted(id, at(1), other, at(1)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("meter-already-supplies-an-account");
        assertThat(events.of("a-" + id).size() + events.of("m-" + id).size() + events.of("m-" + other).size())
                .isEqualTo(before);
    }

    @Test
    void aMeterSwappedWhileTheAccountIsDepletedIsCutByTheSupplyPolicy() {
        Api landlord = as(TENANT_A);
        moveIn(landlord);
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100,"currency":"EUR","reference":"cash-1","purchaseSequence":1}""").status())
                .isEqualTo(201);
        assertThat(read(landlord, "m-" + id, 1, "1.5").status()).isEqualTo(201);   // 150 -> -50: depleted
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !events.ofType("m-" + id, "SupplyCommandIssued").isEmpty());
        assertThat(landlord.post("/api/meters", """
                {"meterId":"n-%s","unitId":"u-%s","utility":"ELECTRICITY","serialNumber":"SN-N-%s"}"""
                .formatted(id, id, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/accounts/a-%s/meter-replacement".formatted(id), """
                {"oldMeterId":"m-%s","oldFinalReadAt":"%s","oldFinalRegister":"1.5",
                 "newMeterId":"n-%s","newOpeningReadAt":"%s","newOpeningRegister":"0"}"""
                .formatted(id, at(2), id, at(2))).status()).isEqualTo(204);

        assertThat(events.ofType("a-" + id, "MeterReplaced").getFirst().payload().get("accountDepleted").asBoolean())
                .isTrue();
        // the new meter is installed on; supply control applies the policy to it
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !events.ofType("n-" + id, "SupplyCommandIssued").isEmpty());
        assertThat(events.ofType("n-" + id, "SupplyDecisionRecorded").getFirst().payload().get("decision").asText())
                .isEqualTo("CUT");
        assertThat(events.ofType("n-" + id, "SupplyCommandIssued").getFirst().payload().get("action").asText())
                .isEqualTo("CUT");
    }

    private void moveIn(Api landlord) {
        Premises.moveIn(landlord, id, "100.5", MOVE_IN, "0");
    }

    private static Instant at(int hour) {
        return MOVE_IN.plus(Duration.ofHours(hour));
    }

    private static Api.Response read(Api landlord, String meter, int hour, String register) {
        return landlord.post("/api/meters/%s/readings".formatted(meter), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(at(hour), register));
    }
}
