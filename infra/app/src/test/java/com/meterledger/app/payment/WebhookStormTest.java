package com.meterledger.app.payment;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.StripeFake;
import com.meterledger.gateway.payment.CheckoutService;
import com.meterledger.gateway.payment.inbox.StripeWebhookWorker;
import com.stripe.Stripe;
import org.junit.jupiter.api.AfterEach;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reliability: 10,000 signed webhook deliveries for 2,000 payments (successes, a second success event per session,
 * redeliveries, partial and full refunds, many refunds before their success), shuffled, posted through the real HTTP
 * endpoint by several clients, with the inbox worker stopped halfway (deliveries pile up) and started again. Every
 * payment is credited exactly once and the accounts hold, to the cent, what succeeded minus what was refunded.
 */
class WebhookStormTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(WebhookStormTest.class);
    private static final String SECRET = "whsec_test_meterledger_0123456789";
    private static final int ACCOUNTS = 20;
    private static final int PAYMENTS = 2_000;
    private static final long SEED_MINOR = 50_000_000;

    @Autowired
    CheckoutService checkouts;
    @Autowired
    StripeWebhookWorker worker;

    private final JdbcClient owner = OwnerJdbc.client();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private record Payment(String account, String session, long amount, long refunded) {
    }

    @AfterEach
    void theWorkerRunsAgain() {
        worker.start();
    }

    @Test
    void tenThousandDeliveriesWithDuplicatesReorderingAndAWorkerRestartCreditEachPaymentExactlyOnce() throws Exception {
        Random random = new Random(42);
        StripeFake.onboard(as(TENANT_A), TENANT_A);
        List<String> accounts = openFundedAccounts();
        List<Payment> payments = checkoutsFor(accounts, random);
        List<String> deliveries = deliveriesFor(payments);
        Collections.shuffle(deliveries, random);
        assertThat(deliveries).hasSize(10_000);

        long started = System.nanoTime();
        post(deliveries.subList(0, 5_000));
        worker.stop();
        post(deliveries.subList(5_000, 10_000));
        double postSeconds = (System.nanoTime() - started) / 1e9;
        long pending = count("status = 'PENDING'");
        assertThat(pending).as("deliveries waiting while the worker is stopped").isPositive();
        Thread.sleep(500);
        assertThat(count("status = 'PENDING'")).as("nothing is processed while stopped").isEqualTo(pending);
        worker.start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("status <> 'DONE'") == 0);
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        long distinct = count("true");
        long triedAgain = count("attempts > 1");
        log.info("webhook storm: {} deliveries ({} distinct events) accepted in {} s ({} deliveries/s); all processed "
                        + "after {} s ({} deliveries/s, {} events/s); {} were waiting when the worker restarted, {} events "
                        + "were early (a refund before its success) and tried again",
                deliveries.size(), distinct, round(postSeconds), round(deliveries.size() / postSeconds),
                round(totalSeconds), round(deliveries.size() / totalSeconds), round(distinct / totalSeconds), pending,
                triedAgain);
        assertThat(triedAgain).as("refunds that overtook their success, held and applied later").isPositive();

        long succeeded = payments.stream().mapToLong(Payment::amount).sum();
        long refunded = payments.stream().mapToLong(Payment::refunded).sum();
        assertThat(distinct).isEqualTo(PAYMENTS + PAYMENTS / 2 + PAYMENTS * 2 / 5 + PAYMENTS / 5);
        assertThat(owner.sql("select count(*) from stripe_webhook_event where event_id like ?")
                .param("evt_" + run + "%").query(Long.class).single()).isEqualTo(distinct);

        // each payment succeeded once and credited once, under its session id
        assertThat(owner.sql("""
                        select count(*), count(distinct aggregate_identifier) from domain_event_entry
                        where payload_type like '%.PaymentSucceeded' and aggregate_identifier in (
                            select payment_id from payment_checkout where checkout_session_id like ?)""")
                .param("cs_" + run + "%").query((rs, row) -> rs.getLong(1) + "/" + rs.getLong(2)).single())
                .isEqualTo(PAYMENTS + "/" + PAYMENTS);
        List<Long> credits = owner.sql("""
                        select (convert_from(payload, 'UTF8')::jsonb -> 'amount' ->> 'minorUnits')::bigint
                        from domain_event_entry
                        where payload_type like '%.AccountCredited' and aggregate_identifier like ?
                          and convert_from(payload, 'UTF8')::jsonb ->> 'reference' like ?""")
                .params("a-" + run + "%", "cs_" + run + "%").query(Long.class).list();
        assertThat(credits).hasSize(PAYMENTS);
        assertThat(owner.sql("""
                        select count(*) - count(distinct aggregate_identifier || ' '
                                                || (convert_from(payload, 'UTF8')::jsonb ->> 'reference'))
                        from domain_event_entry
                        where payload_type like '%.AccountCredited' and aggregate_identifier like ?""")
                .param("a-" + run + "%").query(Long.class).single()).as("credits repeating a reference").isZero();
        assertThat(credits.stream().mapToLong(Long::longValue).sum()).isEqualTo(succeeded);
        long reversed = owner.sql("""
                        select coalesce(sum((convert_from(payload, 'UTF8')::jsonb -> 'amount' ->> 'minorUnits')::bigint), 0)
                        from domain_event_entry
                        where payload_type like '%.BalanceRefunded' and aggregate_identifier like ?""")
                .param("a-" + run + "%").query(Long.class).single();
        assertThat(reversed).isEqualTo(refunded);

        // the projected balances agree to the cent: seed + succeeded - refunded
        Api landlord = as(TENANT_A);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(accounts.stream()
                .mapToLong(account -> landlord.get("/api/accounts/" + account).number("balanceMinor") - SEED_MINOR)
                .sum()).isEqualTo(succeeded - refunded));
    }

    private List<String> openFundedAccounts() {
        Api landlord = as(TENANT_A);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = run + "-" + i;
            Premises.moveIn(landlord, id, "100", Instant.parse("2026-03-01T00:00:00Z"), "0");
            assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                    {"amountMinor":%d,"currency":"EUR","reference":"seed"}""".formatted(SEED_MINOR)).status())
                    .isEqualTo(201);
            accounts.add("a-" + id);
        }
        return accounts;
    }

    /** Checkouts through the real CheckoutService; the fake names each session after the request's idempotency key. */
    private List<Payment> checkoutsFor(List<String> accounts, Random random) throws Exception {
        StripeFake.server().stubFor(WireMock.post("/v1/checkout/sessions").atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"cs_%s_{{request.headers.Idempotency-Key}}","object":"checkout.session","mode":"payment",
                         "payment_status":"unpaid","status":"open","livemode":false,
                         "url":"https://checkout.stripe.com/c/pay/cs_{{request.headers.Idempotency-Key}}"}"""
                        .formatted(run))
                .withTransformers("response-template")));
        List<Payment> planned = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            long amount = 100 + random.nextInt(9_900);
            long refunded = i % 5 == 0 ? amount : i % 5 == 1 ? amount / 2 : 0;
            planned.add(new Payment(accounts.get(i % ACCOUNTS), null, amount, refunded));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Payment>> started = new ArrayList<>();
            for (Payment payment : planned) {
                started.add(pool.submit(() -> new Payment(payment.account(), checkouts.start(new TenantId(TENANT_A),
                        new AccountId(payment.account()), Money.of(payment.amount(), "EUR"), "storm", "test")
                        .checkoutSessionId(), payment.amount(), payment.refunded())));
            }
            List<Payment> payments = new ArrayList<>();
            for (Future<Payment> payment : started) {
                payments.add(payment.get());
            }
            return payments;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Five deliveries per payment: its success twice (a redelivery), then either a second success event for the same
     * session or a third copy; then a partial refund and either the full refund or the partial one's redelivery, or
     * two more copies of the success.
     */
    private List<String> deliveriesFor(List<Payment> payments) {
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            String completed = event("evt_" + run + "_c" + i, "checkout.session.completed", session(p));
            deliveries.add(completed);
            deliveries.add(completed);
            deliveries.add(i % 2 == 0
                    ? event("evt_" + run + "_a" + i, "checkout.session.async_payment_succeeded", session(p))
                    : completed);
            if (p.refunded() > 0) {
                String partial = event("evt_" + run + "_r" + i, "charge.refunded", charge(p, p.amount() / 2));
                deliveries.add(partial);
                deliveries.add(p.refunded() == p.amount()
                        ? event("evt_" + run + "_f" + i, "charge.refunded", charge(p, p.amount()))
                        : partial);
            } else {
                deliveries.add(completed);
                deliveries.add(completed);
            }
        }
        return deliveries;
    }

    private void post(List<String> deliveries) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String payload : deliveries) {
                answers.add(clients.submit(() -> send(payload)));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdown();
        }
    }

    private int send(String payload) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripePaymentTest.header(payload, timestamp, SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long count(String condition) {
        return owner.sql("select count(*) from stripe_webhook_inbox where event_id like ? and " + condition)
                .param("evt_" + run + "%").query(Long.class).single();
    }

    private static String session(Payment p) {
        return """
                {"id":"%s","object":"checkout.session","amount_total":%d,"currency":"eur","payment_status":"paid",
                 "status":"complete","mode":"payment","payment_intent":"pi_%s","livemode":false}"""
                .formatted(p.session(), p.amount(), p.session());
    }

    private static String charge(Payment p, long refundedTotal) {
        return """
                {"id":"ch_%s","object":"charge","amount":%d,"amount_refunded":%d,"currency":"eur",
                 "payment_intent":"pi_%s","refunded":%s,"livemode":false}"""
                .formatted(p.session(), p.amount(), refundedTotal, p.session(), refundedTotal == p.amount());
    }

    private static String event(String eventId, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
                 "request":{"id":null,"idempotency_key":null},"type":"%s","data":{"object":%s}}"""
                .formatted(eventId, Stripe.API_VERSION, Instant.now().getEpochSecond(), type, object);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
