package com.meterledger.app.slice;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From a meter reading to a balance a person can query, through HTTP, Axon and PostgreSQL. */
class VerticalSliceTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    JdbcClient jdbc;

    private Api landlord;
    private String id;

    @BeforeEach
    void aUnitWithAMeterAndAFundedAccount() {
        landlord = as(TENANT_A);
        id = UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(landlord, id, "23.7", MOVE_IN, "1000.000");
        assertThat(topUp(10_000, "receipt-1").status()).isEqualTo(201);
    }

    @Test
    void aReadingChargesTheRegisterDeltaAtTheFlatPriceWithTheRemainderCarried() {
        // 12.345 kWh x 23.7 cents = 292.5765 -> 292 charged, 0.5765 carried
        assertThat(reading(MOVE_IN.plus(Duration.ofHours(5)), "1012.345").status()).isEqualTo(201);
        // 0.500 kWh x 23.7 = 11.85 + 0.5765 carried = 12.4265 -> 12 charged
        assertThat(reading(MOVE_IN.plus(Duration.ofHours(6)), "1012.845").status()).isEqualTo(201);

        awaitBalance(10_000 - 292 - 12);
        Api.Response statement = landlord.get("/api/accounts/a-%s/statement".formatted(id));
        assertThat(statement.status()).isEqualTo(200);
        assertThat(statement.number("openingBalanceMinor")).isZero();
        assertThat(statement.number("totalCreditsMinor")).isEqualTo(10_000);
        assertThat(statement.number("totalChargesMinor")).isEqualTo(304);
        assertThat(statement.number("closingBalanceMinor")).isEqualTo(9_696);
        assertThat(statement.body().get("lines")).hasSize(3);
        assertThat(statement.body().get("lines").get(1).get("amountMinor").asLong()).isEqualTo(-292);
        assertThat(statement.body().get("lines").get(2).get("balanceAfterMinor").asLong()).isEqualTo(9_696);
    }

    @Test
    void aDuplicateReadingIsANoOpAndChargesOnce() {
        Instant at = MOVE_IN.plus(Duration.ofHours(2));
        assertThat(reading(at, "1010").status()).isEqualTo(201);
        Api.Response again = reading(at, "1010");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("DUPLICATE");
        awaitBalance(10_000 - 237);
        assertThat(eventCount("ConsumptionCharged")).isEqualTo(1);
    }

    @Test
    void aTopUpWithAUsedReferenceCreditsOnce() {
        assertThat(topUp(500, "receipt-2").status()).isEqualTo(201);
        Api.Response again = topUp(500, "receipt-2");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("DUPLICATE");
        awaitBalance(10_500);
        assertThat(eventCount("AccountCredited")).isEqualTo(2);
    }

    @Test
    void aReadingOlderThanTheLastIsRejectedWithItsReasonAndNothingIsCharged() {
        assertThat(reading(MOVE_IN.plus(Duration.ofHours(3)), "1001").status()).isEqualTo(201);
        Api.Response older = reading(MOVE_IN.plus(Duration.ofHours(2)), "1002");
        assertThat(older.status()).isEqualTo(422);
        assertThat(older.text("rule")).isEqualTo("OUT_OF_ORDER");
        assertThat(older.body().get("type")).isNotNull();
        awaitBalance(10_000 - 23);
        assertThat(eventCount("ReadingRecorded")).isEqualTo(1);
        assertThat(eventCount("ReadingRejected")).isEqualTo(1);
    }

    @Test
    void aRegisterLowerThanTheLastIsRejectedWithItsReasonAndNothingIsCharged() {
        Api.Response lower = reading(MOVE_IN.plus(Duration.ofHours(3)), "999.999");
        assertThat(lower.status()).isEqualTo(422);
        assertThat(lower.text("rule")).isEqualTo("REGISTER_WENT_BACKWARDS");
        assertThat(eventCount("ReadingRecorded")).isZero();
        assertThat(eventCount("ConsumptionCharged")).isZero();
    }

    @Test
    void unknownMetersAndAccountsAreNotFound() {
        assertThat(landlord.post("/api/meters/no-such-meter/readings", """
                {"readAt":"%s","registerValue":"1"}""".formatted(MOVE_IN)).status()).isEqualTo(404);
        assertThat(landlord.get("/api/accounts/no-such-account").status()).isEqualTo(404);
        assertThat(landlord.post("/api/accounts/no-such-account/top-ups", """
                {"amountMinor":100,"currency":"EUR","reference":"r"}""").status()).isEqualTo(404);
    }

    @Test
    void malformedAndOutOfRangeInputIsABadRequestWithFieldErrors() {
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), "{not json").status()).isEqualTo(400);
        Api.Response missing = landlord.post("/api/meters/m-%s/readings".formatted(id), "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").has("readAt")).isTrue();
        assertThat(missing.body().get("errors").has("registerValue")).isTrue();
        Api.Response negative = topUp(-100, "receipt-negative");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("errors").has("amountMinor")).isTrue();
        assertThat(topUp(50_000_000_000L, "receipt-absurd").status()).isEqualTo(400);
        assertThat(reading(MOVE_IN.plus(Duration.ofHours(1)), "-5").status()).isEqualTo(400);
        assertThat(eventCount("AccountCredited")).isEqualTo(1);
    }

    @Test
    void aFractionOfAMinorUnitIsRefusedNotTruncated() {
        Api.Response fractional = landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":150.5,"currency":"EUR","reference":"receipt-fraction"}""");
        assertThat(fractional.status()).isEqualTo(400);
        assertThat(eventCount("AccountCredited")).isEqualTo(1);
    }

    @Test
    void anotherTenantSeesAndChangesNothing() {
        Api intruder = as(TENANT_B);
        assertThat(intruder.get("/api/accounts/a-%s".formatted(id)).status()).isEqualTo(404);
        assertThat(intruder.get("/api/accounts/a-%s/statement".formatted(id)).status()).isEqualTo(404);
        assertThat(intruder.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100,"currency":"EUR","reference":"intruder"}""").status()).isEqualTo(404);
        assertThat(intruder.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"5000"}""".formatted(MOVE_IN.plus(Duration.ofHours(4)))).status())
                .isEqualTo(404);
        assertThat(intruder.get("/api/properties").body().toString()).doesNotContain("p-" + id);
        assertThat(eventCount("AccountCredited")).isEqualTo(1);
        assertThat(eventCount("ReadingRecorded")).isZero();
    }

    @Test
    void withoutATokenEveryApiAnswersUnauthorized() {
        Api.Response response = anonymous().get("/api/accounts/a-%s".formatted(id));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("title")).isEqualTo("Authentication required");
    }

    private Api.Response reading(Instant at, String register) {
        return landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"%s"}""".formatted(at, register));
    }

    private Api.Response topUp(long amount, String reference) {
        return landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":%d,"currency":"EUR","reference":"%s"}""".formatted(amount, reference));
    }

    private void awaitBalance(long expected) {
        // the read model may not have the account yet (404, no balance): keep waiting rather than fail on it
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/a-%s".formatted(id)).number("balanceMinor")).isEqualTo(expected));
    }

    private long eventCount(String eventType) {
        return jdbc.sql("""
                        select count(*) from domain_event_entry
                        where aggregate_identifier in (?, ?) and payload_type like ?""")
                .params("a-" + id, "m-" + id, "%." + eventType)
                .query(Long.class).single();
    }
}
