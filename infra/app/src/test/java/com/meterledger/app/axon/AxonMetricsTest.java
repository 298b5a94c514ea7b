package com.meterledger.app.axon;

import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.query.account.AccountProjection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Axon's message handling is measured by the application's own cheap meters, not Axon's per-message ones. */
class AxonMetricsTest extends IntegrationTest {
    @Autowired
    MeterRegistry registry;

    @Test
    void processorsCountTimeAndMeasureLagAndCommandsAreTimedPerType() {
        double handledBefore = handled();
        Premises.moveIn(as(TENANT_A), UUID.randomUUID().toString().substring(0, 8), "23.7",
                Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS), "100.000");

        await().atMost(Duration.ofSeconds(30)).until(() -> handled() > handledBefore);
        assertThat(registry.get("meterledger.axon.processor.handling")
                .tag("processor", AccountProjection.PROCESSING_GROUP).timer().count()).isPositive();
        assertThat(registry.get("meterledger.axon.processor.lag")
                .tag("processor", AccountProjection.PROCESSING_GROUP).gauge().value()).isNotNegative();
        assertThat(registry.get("meterledger.axon.commands").tag("type", "OpenAccount").tag("outcome", "success")
                .timer().count()).isPositive();
        assertThat(registry.getMeters()).map(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("eventProcessor") || name.startsWith("commandBus"));
    }

    private double handled() {
        Counter counter = registry.find("meterledger.axon.processor.events")
                .tags("processor", AccountProjection.PROCESSING_GROUP, "outcome", "success").counter();
        return counter == null ? 0 : counter.count();
    }
}
