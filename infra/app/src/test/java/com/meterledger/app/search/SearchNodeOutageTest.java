package com.meterledger.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.TestSearchNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dev search node killed under a running application ({@code kill -9}): operators see which part is down, the
 * node is started again by its launcher ({@code EmbeddedSearchNode}), and what happened meanwhile becomes searchable.
 */
class SearchNodeOutageTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(SearchNodeOutageTest.class);

    @Autowired
    EventStore eventStore;

    @Test
    void givenTheSearchNodeKilled_whenTheApplicationKeepsWorking_thenOperatorsSeeSearchDownReadinessStaysUpAndTheNodeComesBackWithEverythingSearchable() {
        Api landlord = as(TENANT_A);
        Api platform = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        assertThat(component(platform.get("/actuator/health").body(), "elasticsearch")).isEqualTo("UP");
        long killedPid = TestSearchNode.pid();

        ProcessHandle.of(killedPid).orElseThrow().destroyForcibly();
        long killedAt = System.nanoTime();

        AtomicReference<JsonNode> seenByOperator = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seenByOperator.set(platform.get("/actuator/health").body());
            return "DOWN".equals(component(seenByOperator.get(), "elasticsearch"));
        });
        assertThat(component(seenByOperator.get(), "db")).as("the part that is up says so").isEqualTo("UP");
        assertThat(seenByOperator.get().path("components").path("elasticsearch").path("details").path("error")
                .asText()).isNotBlank();
        Api.Response seenByAnyone = anonymous().get("/actuator/health");
        assertThat(seenByAnyone.body().has("components")).as("no component to anonymous callers").isFalse();
        assertThat(anonymous().get("/actuator/health/readiness").status()).as("readiness stays UP").isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);

        // money keeps moving while search is away
        String id = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(landlord, id, "7", Instant.now().minus(Duration.ofDays(1)), "1000");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":5000,"currency":"EUR","reference":"outage-%s"}""".formatted(id)).status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                "UP".equals(component(platform.get("/actuator/health").body(), "elasticsearch")));
        log.info("search node killed (pid {}): UP again after {} ms as pid {}", killedPid,
                Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), TestSearchNode.pid());
        assertThat(TestSearchNode.pid()).isNotEqualTo(killedPid);

        long accountEvents = eventStore.readEvents("a-" + id).asStream().count();
        assertThat(accountEvents).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> landlord.get("/api/audit/events?aggregateId=a-" + id)
                .body().path("total").asLong() == accountEvents);
    }

    private static String component(JsonNode health, String name) {
        return health.path("components").path(name).path("status").asText();
    }
}
