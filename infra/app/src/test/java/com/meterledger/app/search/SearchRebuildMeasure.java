package com.meterledger.app.search;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.query.consumption.ConsumptionProjection;
import com.meterledger.query.trail.AuditTrailProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A measurement, not part of the suite (its name matches no surefire include): how fast the two search projections
 * rebuild from the event store against the test node. Seeds one meter with {@code -Dreadings=N} readings (about two
 * events each), resets each processor to the start of the store and times its catch-up:
 * {@code ./mvnw -o -pl infra/app -am test -Dtest=SearchRebuildMeasure -Dreadings=5000 -Dsurefire.failIfNoSpecifiedTests=false},
 * figures in {@code infra/app/target/surefire-reports/*SearchRebuildMeasure-output.txt} (lines "MEASURE").
 */
class SearchRebuildMeasure extends IntegrationTest {
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;

    @Test
    void rebuildRateOfTheSearchProjections() {
        Api landlord = as(TENANT_A);
        int readings = Integer.getInteger("readings", 1000);
        String id = "rb-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minus(Duration.ofDays(30));
        Premises.moveIn(landlord, id, "7", start, "1000");
        landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":100000000,"currency":"EUR","reference":"rb-%s"}""".formatted(id));
        for (int i = 1; i <= readings; i++) {
            landlord.post("/api/meters/m-%s/readings".formatted(id), """
                    {"readAt":"%s","registerValue":"%s"}""".formatted(start.plusSeconds(60L * i), 1000 + i));
        }
        long head = eventStore.createHeadToken().position().orElseThrow();
        for (String group : new String[]{ConsumptionProjection.PROCESSING_GROUP,
                AuditTrailProjection.PROCESSING_GROUP}) {
            PooledStreamingEventProcessor processor = processing
                    .eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
            await().atMost(Duration.ofMinutes(5)).until(() -> processor.processingStatus().values().stream()
                    .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head));
            processor.shutDown();
            processor.resetTokens();
            long t0 = System.nanoTime();
            processor.start();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !processor.processingStatus().isEmpty() && processor.processingStatus().values()
                            .stream().allMatch(s -> s.isCaughtUp() && s.getCurrentPosition().orElse(-1) >= head));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("MEASURE %s: %d events in %.2f s = %.0f events/s%n", group, head + 1, seconds,
                    (head + 1) / seconds);
        }
    }
}
