package com.meterledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Text PostgreSQL cannot store (a NUL) must be refused at the edge: accepted, it becomes an event the account
 * projection can never write, and every later event of that account is dead-lettered behind it.
 */
class PoisonTextTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTopUpReferenceWithANulIsRefusedNamingTheFieldStoresNothingAndLaterTopUpsStillProject() {
        AccountDriver account = new AccountDriver(as(TENANT_A), MOVE_IN).property("Poison text").moveIn("-1", "Flat");
        account.topUp(1_000, "opening");
        EventStore events = new EventStore(jdbc);
        int stored = events.of(account.account()).size();

        Api.Response refused = account.api.post("/api/accounts/%s/top-ups".formatted(account.account()), """
                {"amountMinor":500,"currency":"EUR","reference":"a\\u0000b"}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo("reference");
        assertThat(refused.text("rule")).isEqualTo("text-control-character");
        assertThat(refused.body().path("errors").path("reference").asText()).contains("U+0000");
        assertThat(events.of(account.account())).hasSize(stored);

        account.topUp(500, "after-the-refused-one");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = account.api.get("/api/audit/accounts/%s/balance?at=%s"
                    .formatted(account.account(), Instant.now())).body();
            assertThat(answer.path("balanceMinor").asLong(-1)).isEqualTo(1_500);
            assertThat(answer.path("projection").path("currentBalanceMinor").asLong(-1)).isEqualTo(1_500);
            assertThat(answer.path("projection").path("agreesAt").asBoolean()).isTrue();
        });
    }

    @Test
    void aReconnectLevelNoTopUpCouldReachIsRefusedWithItsRule() {
        AccountDriver account = new AccountDriver(as(TENANT_A), MOVE_IN).property("Levels").moveIn("-1", "Flat");
        EventStore events = new EventStore(jdbc);
        int stored = events.of(account.account()).size();

        Api.Response refused = account.api.put("/api/accounts/%s/thresholds".formatted(account.account()), """
                {"firstWarningMinor":2000,"secondWarningMinor":500,"cutOffMinor":0,
                 "reconnectMinor":9223372036854775807}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("threshold-out-of-range");
        assertThat(refused.text("detail")).contains("reconnect");
        assertThat(events.of(account.account())).hasSize(stored);
    }
}
