package com.meterledger.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.audit.AccountDriver;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard as server-sent events, read through a real HTTP client. */
class DashboardStreamTest extends IntegrationTest {
    private static final Instant MOVE_IN = Instant.now().minus(Duration.ofMinutes(150)).truncatedTo(ChronoUnit.SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aReadingIsPushedToTheStreamAfterTheCurrentDashboard() throws Exception {
        // given a property with one account, watched live
        AccountDriver one = new AccountDriver(as(TENANT_A), MOVE_IN).property("Live Court").moveIn("-1", "Flat 1");
        try (Stream stream = open(TENANT_A, one.property())) {
            JsonNode initial = stream.next(Duration.ofSeconds(10));
            assertThat(initial.get("propertyId").asText()).isEqualTo(one.property());

            // when a reading arrives
            one.read("7");

            // then an update carries its consumption
            JsonNode update = stream.nextMatching(d -> d.get("consumption").size() == 1
                    && d.get("consumption").get(0).get("month").decimalValue().intValue() == 7, Duration.ofSeconds(15));
            assertThat(update.get("topConsumers").get(0).get("meterId").asText()).isEqualTo(one.meter());
        }
    }

    @Test
    void aStreamNeverReceivesAnotherTenantsPropertyEvenUnderTheSameId() throws Exception {
        // given tenant B watching its own property whose id tenant A also uses
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("A side").moveIn("-1", "A1");
        assertThat(as(TENANT_B).post("/api/properties", """
                {"propertyId":"%s","name":"B side"}""".formatted(a.property())).status()).isEqualTo(201);
        try (Stream watchedByA = open(TENANT_A, a.property()); Stream watchedByB = open(TENANT_B, a.property())) {
            assertThat(watchedByB.next(Duration.ofSeconds(10)).get("propertyName").asText()).isEqualTo("B side");
            watchedByA.next(Duration.ofSeconds(10));

            // when tenant A's property changes
            a.topUp(1_234, "live-a");

            // then A hears of it, and B hears nothing at all
            watchedByA.nextMatching(d -> d.get("money").size() == 1
                    && d.get("money").get(0).get("creditsMonthMinor").asLong() == 1_234, Duration.ofSeconds(15));
            assertThat(watchedByB.poll(Duration.ofSeconds(2))).isNull();
        }
    }

    @Test
    void anotherTenantsPropertyCannotBeWatched() throws Exception {
        AccountDriver a = new AccountDriver(as(TENANT_A), MOVE_IN).property("Private Court").moveIn("-1", "P1");
        HttpResponse<String> answer = CLIENT.send(request(TENANT_B, a.property()), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("Private Court");
    }

    private HttpRequest request(String tenant, String property) {
        return HttpRequest.newBuilder(URI.create("http://localhost:%d/api/properties/%s/dashboard/stream?lifetime=PT60S"
                        .formatted(port, property)))
                .header("Authorization", "Bearer " + TestTokens.adminOf(tenant, port))
                .header("Accept", "text/event-stream").build();
    }

    private Stream open(String tenant, String property) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = CLIENT.send(request(tenant, property),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return new Stream(response.body());
    }

    /** The 'dashboard' events of one open stream, parsed, as they arrive. */
    private static final class Stream implements AutoCloseable {
        private final java.util.stream.Stream<String> lines;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

        Stream(java.util.stream.Stream<String> lines) {
            this.lines = lines;
            Thread.ofVirtual().start(() -> {
                String event = null;
                try {
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                        } else if (line.startsWith("data:") && "dashboard".equals(event)) {
                            events.add(JSON.readTree(line.substring(5)));
                        }
                    }
                } catch (IOException | RuntimeException closed) {
                    // the test closed the stream
                }
            });
        }

        JsonNode poll(Duration wait) throws InterruptedException {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        JsonNode next(Duration wait) throws InterruptedException {
            JsonNode event = poll(wait);
            assertThat(event).as("a dashboard event within " + wait).isNotNull();
            return event;
        }

        JsonNode nextMatching(java.util.function.Predicate<JsonNode> wanted, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode event = poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (event != null && wanted.test(event)) {
                    return event;
                }
            }
            throw new AssertionError("no matching dashboard event within " + wait);
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
