package com.meterledger.app.payment;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import com.meterledger.gateway.payment.StripeWebhookProcessor;
import com.meterledger.gateway.payment.inbox.StripeInboxProperties;
import com.meterledger.gateway.payment.inbox.StripeWebhookInbox;
import com.meterledger.gateway.payment.inbox.StripeWebhookWorker;
import com.stripe.Stripe;
import com.stripe.model.Event;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The durable webhook inbox: retries with back-off, the dead state operators see and revive, a dead node's deliveries
 * taken again within seconds, and a slow node's renewed lease.
 */
class WebhookInboxTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(WebhookInboxTest.class);

    private static final String SECRET = "whsec_test_meterledger_0123456789";

    @Autowired
    MeterRegistry metrics;
    @Autowired
    StripeWebhookInbox inbox;
    @Autowired
    StripeWebhookWorker worker;
    @Autowired
    StripeWebhookProcessor processor;
    @Autowired
    StripeInboxProperties properties;

    private final JdbcClient owner = OwnerJdbc.client();
    private String id;

    @BeforeEach
    void names() {
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDeliveryThatKeepsFailingIsRetriedWithBackOffThenDeadCountedAndListedForOperators() {
        double deadBefore = metrics.counter("meterledger.stripe.webhook.dead").count();
        // unreadable: every try fails; two tries short of the limit (40 in tests)
        long delivery = insert("evt_bad_" + id, "{not json", "PENDING", 38, "now()");

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(column(delivery, "status")));
        assertThat(column(delivery, "attempts")).isEqualTo("40");
        assertThat(column(delivery, "last_error")).isEqualTo("JsonSyntaxException");
        // the worker counts the death once the row says DEAD: under load (average 35) the test read the row first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metrics.counter("meterledger.stripe.webhook.dead").count()).isGreaterThan(deadBefore));
        assertThat(metrics.get("meterledger.stripe.webhook.inbox").tag("status", "dead").gauge().value())
                .isGreaterThanOrEqualTo(1);

        Api platform = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        Api.Response dead = platform.get("/api/payments/webhook-inbox?status=DEAD&limit=1000");
        assertThat(dead.status()).isEqualTo(200);
        assertThat(dead.number("dead")).isPositive();
        assertThat(dead.body().get("entries").toString()).contains("evt_bad_" + id).doesNotContain("not json");
        assertThat(platform.get("/api/payments/webhook-inbox?status=LOST").status()).isEqualTo(400);
        assertThat(platform.get("/api/payments/webhook-inbox?limit=0").status()).isEqualTo(400);
        assertThat(as(TENANT_A).get("/api/payments/webhook-inbox").status()).isEqualTo(403);
    }

    @Test
    void anOperatorOrStripesRedeliveryGivesADeadDeliveryAFreshStart() throws Exception {
        String revived = "evt_revive_" + id;
        long byOperator = insert(revived, event(revived), "DEAD", 40, "now()");
        Api platform = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        assertThat(platform.post("/api/payments/webhook-inbox/%d/retry".formatted(byOperator), null).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(column(byOperator, "status")));
        assertThat(column(byOperator, "outcome")).isEqualTo("IGNORED_TYPE");
        assertThat(platform.post("/api/payments/webhook-inbox/%d/retry".formatted(byOperator), null).status())
                .isEqualTo(404);

        String redelivered = "evt_redeliver_" + id;
        long byStripe = insert(redelivered, "{not json", "DEAD", 40, "now()");
        String payload = event(redelivered);
        HttpResponse<String> answer = deliver(payload);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("QUEUED");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(column(byStripe, "status")));
        assertThat(column(byStripe, "payload")).isNull();
    }

    @Test
    void givenADeliveryTakenByANodeThatDied_whenItsLeaseRunsOut_thenAnotherWorkerTakesItWithinSeconds() {
        String held = "evt_leased_" + id;
        Duration lease = properties.lease();
        assertThat(lease).as("the configured lease is short").isLessThanOrEqualTo(Duration.ofSeconds(5));
        // what a claim by a node killed a moment later leaves behind: its lease runs for the whole configured time
        long delivery = insert(held, event(held), "PENDING", 0,
                "now() + make_interval(secs => %d)".formatted(lease.toSeconds()));
        owner.sql("update stripe_webhook_inbox set claimed_by = 'node-killed' where delivery_id = ?").param(delivery)
                .update();
        long taken = System.nanoTime();

        assertThat(column(delivery, "status")).isEqualTo("PENDING");
        await().atMost(lease.plusSeconds(5)).until(() -> "DONE".equals(column(delivery, "status")));
        log.info("a dead node's delivery was processed {} ms after it was taken (lease {})",
                Duration.ofNanos(System.nanoTime() - taken).toMillis(), lease);
        assertThat(column(delivery, "claimed_by")).isNull();
        assertThat(owner.sql("select count(*) from stripe_webhook_event where event_id = ?").param(held)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void givenADeliveryInTheHandsOfASlowNode_whenItWorksLongerThanTheLease_thenItsRenewedLeaseKeepsOthersOffAndItIsProcessedOnce()
            throws Exception {
        String slowEvent = "evt_slow_" + id;
        CountDownLatch release = new CountDownLatch(1);
        StripeWebhookProcessor slow = new StripeWebhookProcessor(null, null, null, null, null, null) {
            @Override
            public Outcome process(Event event) {
                if (slowEvent.equals(event.getId())) {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return processor.process(event);
            }
        };
        Duration shortLease = Duration.ofSeconds(1);
        StripeWebhookWorker slowNode = new StripeWebhookWorker(inbox, slow, new StripeInboxProperties(1, 1,
                Duration.ofMillis(100), shortLease, 40, Duration.ofMillis(100), Duration.ofSeconds(1)),
                new SimpleMeterRegistry());
        worker.stop(); // this node's workers step aside until the slow node holds the delivery
        try {
            long delivery = insert(slowEvent, event(slowEvent), "PENDING", 0, "now()");
            slowNode.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> column(delivery, "claimed_by") != null);
            String holder = column(delivery, "claimed_by");
            worker.start();

            Thread.sleep(shortLease.multipliedBy(4).toMillis());
            assertThat(column(delivery, "status")).isEqualTo("PENDING");
            assertThat(column(delivery, "claimed_by")).as("renewed, not taken by another worker").isEqualTo(holder);
            assertThat(column(delivery, "attempts")).isEqualTo("0");
            assertThat(owner.sql("select count(*) from stripe_webhook_event where event_id = ?").param(slowEvent)
                    .query(Long.class).single()).isZero();

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(column(delivery, "status")));
            assertThat(column(delivery, "attempts")).isEqualTo("1");
            assertThat(column(delivery, "outcome")).isEqualTo("IGNORED_TYPE");
            assertThat(owner.sql("select count(*) from stripe_webhook_event where event_id = ?").param(slowEvent)
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            release.countDown();
            slowNode.stop();
            worker.start();
        }
    }

    @Test
    void givenAWorkerThatStalledPastItsLease_whenAnotherFinishedTheDeliveryFirst_thenTheLateOutcomeChangesNothing() {
        String taken = "evt_stalled_" + id;
        // what another worker left: it took the delivery after the stalled one's lease ran out, and finished it
        long delivery = insert(taken, event(taken), "PENDING", 0, "now() + interval '1 hour'");
        owner.sql("""
                update stripe_webhook_inbox set status = 'DONE', attempts = 1, outcome = 'APPLIED', payload = null,
                    finished_at = now(), claimed_by = null where delivery_id = ?""").param(delivery).update();

        boolean lateDone = inbox.done(delivery, 1, "DUPLICATE", "4242@stalled/0f1e2d3c");
        boolean lateFailure = inbox.retryLater(delivery, 1, "SQLTransientException", Duration.ZERO, false,
                "4242@stalled/0f1e2d3c");

        assertThat(lateDone).isFalse();
        assertThat(lateFailure).isFalse();
        assertThat(column(delivery, "status")).isEqualTo("DONE");
        assertThat(column(delivery, "outcome")).isEqualTo("APPLIED");
        assertThat(column(delivery, "last_error")).isNull();
    }

    @Test
    void givenThisNodesWorkers_whenTheyHoldADelivery_thenClaimedByNamesThisProcess() {
        assertThat(worker.holder()).startsWith(ProcessHandle.current().pid() + "@").hasSizeLessThanOrEqualTo(64);
    }

    private long insert(String eventId, String payload, String status, int attempts, String due) {
        return owner.sql("""
                        insert into stripe_webhook_inbox (event_id, event_type, payload, status, attempts, next_attempt_at)
                        values (?, 'customer.created', ?, ?, ?, %s) returning delivery_id""".formatted(due))
                .params(eventId, payload, status, attempts).query(Long.class).single();
    }

    private String column(long delivery, String name) {
        return owner.sql("select " + name + "::text from stripe_webhook_inbox where delivery_id = ?").param(delivery)
                .query(String.class).optional().orElse(null);
    }

    private static String event(String eventId) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
                 "type":"customer.created","data":{"object":{"id":"cus_x","object":"customer"}}}"""
                .formatted(eventId, Stripe.API_VERSION, Instant.now().getEpochSecond());
    }

    private HttpResponse<String> deliver(String payload) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", StripePaymentTest.header(payload, Instant.now().getEpochSecond(), SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
