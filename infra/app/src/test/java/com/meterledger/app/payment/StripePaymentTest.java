package com.meterledger.app.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.TestPeople;
import com.stripe.Stripe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Stripe Checkout end to end against the WireMock Stripe fake, with webhook deliveries signed in the test with
 * Stripe's real scheme ({@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + payload)>}).
 */
@ExtendWith(OutputCaptureExtension.class)
class StripePaymentTest extends IntegrationTest {
    /** The endpoint secret of application-test.yml. */
    private static final String SECRET = "whsec_test_meterledger_0123456789";
    private static final String MOVE_IN = "2026-03-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    private EventStore events;
    private String id;
    private String account;
    /** The payment of the last {@link #checkout}. */
    private String payment;

    @BeforeEach
    void names() {
        events = new EventStore(jdbc);
        id = UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        StripeFake.onboard(as(TENANT_A), TENANT_A);
    }

    @Test
    void aPaidCheckoutCreditsTheAccountOnceThroughDuplicatesReplaysAndASecondEventForTheSameSession() throws Exception {
        String session = checkout(2500);

        String completed = event("evt_c1_" + id, "checkout.session.completed", sessionObject(session, 2500, "paid"));
        assertThat(deliver(completed, now())).contains("QUEUED", "APPLIED");
        // Stripe redelivers the same event (same id, same signature), then again later (re-signed): processed once
        assertThat(deliver(completed, now())).contains("ALREADY_RECEIVED", "APPLIED");
        assertThat(deliver(completed, now() + 30)).contains("ALREADY_RECEIVED", "APPLIED");
        // another event about the same session (a different id) passes the processed-events table: the payment's
        // state refuses to credit again
        assertThat(deliver(event("evt_c2_" + id, "checkout.session.async_payment_succeeded",
                sessionObject(session, 2500, "paid")), now())).endsWith(" DUPLICATE");

        List<EventStore.StoredEvent> credits = events.ofType(account, "AccountCredited");
        assertThat(credits).hasSize(1);
        assertThat(credits.getFirst().payload().get("reference").asText()).isEqualTo(session);
        assertThat(credits.getFirst().payload().get("amount").get("minorUnits").asLong()).isEqualTo(2500);
        assertThat(credits.getFirst().payload().get("balanceAfter").get("minorUnits").asLong()).isEqualTo(2500);
    }

    @Test
    void forgedStaleAndUnsignedDeliveriesAreRefusedLoggedAndCreditNothing(CapturedOutput output) throws Exception {
        String session = checkout(2500);
        String completed = event("evt_f_" + id, "checkout.session.completed", sessionObject(session, 2500, "paid"));

        HttpResponse<String> forged = post(completed, header(completed, now(), "whsec_forged_by_someone_else"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> stale = post(completed, header(completed, now() - 600, SECRET));
        assertThat(stale.statusCode()).isEqualTo(400);
        // a valid signature over another body: the body was tampered with
        HttpResponse<String> tampered = post(completed.replace("2500", "250000"), header(completed, now(), SECRET));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(post(completed, null).statusCode()).isEqualTo(401);

        assertThat(output.getAll()).contains("type=stripe_webhook_signature_invalid", "type=stripe_webhook_unsigned");
        assertThat(events.ofType(account, "AccountCredited")).isEmpty();
        // the refused deliveries were never recorded as processed: the genuine one still credits
        assertThat(deliver(completed, now())).contains("APPLIED");
        assertThat(events.ofType(account, "AccountCredited")).hasSize(1);
    }

    @Test
    void aSignedEventWhoseIdOrTypeIsNotPlainTextIsRefusedNamingTheFieldAndNeverStored() throws Exception {
        String session = checkout(2500);
        String object = sessionObject(session, 2500, "paid");
        String nulId = event("evt_n\\u0000" + id, "checkout.session.completed", object);
        String longId = event("evt_" + "x".repeat(5_000), "checkout.session.completed", object);
        String nulType = event("evt_nt_" + id, "checkout.session.completed\\u0000", object);

        JsonNode nul = refused(nulId);
        assertThat(nul.path("field").asText()).isEqualTo("id");
        assertThat(nul.path("rule").asText()).isEqualTo("text-control-character");
        JsonNode tooLong = refused(longId);
        assertThat(tooLong.path("field").asText()).isEqualTo("id");
        assertThat(tooLong.path("rule").asText()).isEqualTo("text-too-long");
        assertThat(tooLong.path("detail").asText()).isEqualTo("event id must be at most 255 characters (it has 5004)");
        assertThat(refused(nulType).path("field").asText()).isEqualTo("type");

        assertThat(OwnerJdbc.client().sql("select count(*) from stripe_webhook_inbox where event_id like ?")
                .param("evt_n%" + id).query(Long.class).single()).isZero();
        assertThat(events.ofType(account, "AccountCredited")).isEmpty();
    }

    @Test
    void aSignatureTimestampedBeyondTheToleranceAheadIsRefused() throws Exception {
        String session = checkout(2500);
        String completed = event("evt_ahead_" + id, "checkout.session.completed", sessionObject(session, 2500, "paid"));

        HttpResponse<String> dayAhead = post(completed, header(completed, now() + 86_400, SECRET));
        HttpResponse<String> minuteAhead = post(completed, header(completed, now() + 60, SECRET));

        assertThat(dayAhead.statusCode()).isEqualTo(400);
        assertThat(dayAhead.body()).contains("the signature could not be verified");
        // a clock a little ahead of ours is within the tolerance
        assertThat(minuteAhead.statusCode()).isEqualTo(200);
        assertThat(outcomeOf("evt_ahead_" + id)).isEqualTo("APPLIED");
        assertThat(events.ofType(account, "AccountCredited")).hasSize(1);
    }

    @Test
    void aSignedEventWithoutItsObjectIsFinalAsMalformedAfterOneAttempt() throws Exception {
        String payload = """
                {"id":"evt_no_object_%s","object":"event","api_version":"%s","created":%d,"livemode":false,
                 "pending_webhooks":1,"type":"checkout.session.completed","data":{}}"""
                .formatted(id, Stripe.API_VERSION, now());

        assertThat(deliver(payload, now())).endsWith(" MALFORMED");
        assertThat(inbox("evt_no_object_" + id, "attempts")).isEqualTo("1");
        assertThat(inbox("evt_no_object_" + id, "last_error")).isNull();
    }

    @Test
    void aSessionWeNeverCreatedIsAcknowledgedAndChangesNothingWhateverItsMetadataSays() throws Exception {
        openAccount();
        String unknown = "cs_test_unknown_" + id;
        String object = """
                {"id":"%s","object":"checkout.session","amount_total":2500,"currency":"eur","payment_status":"paid",
                 "status":"complete","mode":"payment","payment_intent":"pi_unknown_%s",
                 "client_reference_id":"pay-x","metadata":{"tenant_id":"tenant-a","account_id":"%s"}}"""
                .formatted(unknown, id, account);
        assertThat(deliver(event("evt_u_" + id, "checkout.session.completed", object), now()))
                .contains("UNKNOWN_OBJECT");
        assertThat(deliver(event("evt_t_" + id, "customer.created", """
                {"id":"cus_%s","object":"customer"}""".formatted(id)), now())).contains("IGNORED_TYPE");
        assertThat(events.ofType(account, "AccountCredited")).isEmpty();
    }

    @Test
    void refundsReverseTheCreditOncePerCentAndCanDepleteTheAccount() throws Exception {
        aPaidCheckout("evt_p_" + id);

        assertThat(deliver(event("evt_r1_" + id, "charge.refunded", chargeObject(1000)), now())).contains("APPLIED");
        // the same cumulative refund reported by another event: nothing more to reverse
        assertThat(deliver(event("evt_r1b_" + id, "charge.refunded", chargeObject(1000)), now()))
                .endsWith(" DUPLICATE");
        assertThat(deliver(event("evt_r2_" + id, "charge.refunded", chargeObject(2500)), now())).contains("APPLIED");

        List<EventStore.StoredEvent> refunds = events.ofType(account, "BalanceRefunded");
        assertThat(refunds).extracting(e -> e.payload().get("amount").get("minorUnits").asLong())
                .containsExactly(1000L, 1500L);
        assertThat(refunds.getLast().payload().get("balanceAfter").get("minorUnits").asLong()).isZero();
        assertThat(events.typesOf(account)).contains("BalanceDepleted");
    }

    @Test
    void aRefundThatArrivesBeforeThePaymentsSuccessIsHeldInTheInboxAndAppliedAfterIt() throws Exception {
        String session = checkout(2500);
        String refundId = "evt_early_" + id;
        String refund = event(refundId, "charge.refunded", chargeObject(2500));
        HttpResponse<String> early = post(refund, header(refund, now(), SECRET));
        assertThat(early.statusCode()).isEqualTo(200);
        // tried and deferred, again and again, while the payment has not succeeded
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(refundId, "attempts").equals("2"));
        assertThat(inbox(refundId, "status")).isEqualTo("PENDING");
        assertThat(inbox(refundId, "last_error")).isEqualTo("DEFERRED");
        assertThat(events.typesOf(account)).doesNotContain("AccountCredited", "BalanceRefunded");

        assertThat(deliver(event("evt_late_" + id, "checkout.session.completed", sessionObject(session, 2500, "paid")),
                now())).contains("APPLIED");
        // no redelivery needed: the inbox's next try applies it
        assertThat(outcomeOf(refundId)).isEqualTo("APPLIED");
        assertThat(events.ofType(account, "AccountCredited")).hasSize(1);
        assertThat(events.ofType(account, "BalanceRefunded")).extracting(
                e -> e.payload().get("amount").get("minorUnits").asLong()).containsExactly(2500L);
    }

    @Test
    void anOccupantPaysThroughTheirPaymentLinkAndTheSignedWebhookCreditsTheLinkedAccount() throws Exception {
        openAccount();
        Api landlord = as(TENANT_A);
        Api.Response[] link = new Api.Response[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            link[0] = landlord.post("/api/accounts/%s/payment-links".formatted(account), null);
            assertThat(link[0].status()).isEqualTo(201);
        });
        String token = link[0].text("token");
        Api occupant = anonymous();
        assertThat(occupant.post("/pay/%s/checkout-sessions?token=forged".formatted(account), """
                {"amountMinor":2500}""").status()).isEqualTo(401);
        assertThat(occupant.post("/pay/%s/checkout-sessions?token=%s".formatted(account, token), """
                {"amountMinor":20}""").status()).isEqualTo(422);

        String session = "cs_test_link_" + id;
        StripeFake.nextCheckoutSession(session, 2500, "eur");
        Api.Response started = occupant.post("/pay/%s/checkout-sessions?token=%s".formatted(account, token), """
                {"amountMinor":2500}""");
        assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
        assertThat(started.text("url")).contains(session);
        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("line_items[0][price_data][unit_amount]=2500"))
                .withRequestBody(containing("line_items[0][price_data][currency]=eur")));

        assertThat(deliver(event("evt_l_" + id, "checkout.session.completed", sessionObject(session, 2500, "paid")),
                now())).contains("APPLIED");
        assertThat(events.ofType(account, "AccountCredited")).singleElement()
                .satisfies(credit -> assertThat(credit.payload().get("reference").asText()).isEqualTo(session));
    }

    @Test
    void checkoutAmountsOutsideTheLimitsAndForeignCurrenciesAreRefusedBeforeStripe() {
        openAccount();
        Api finance = as(TENANT_A);
        Api.Response low = finance.post("/api/accounts/%s/checkout-sessions".formatted(account), """
                {"amountMinor":99,"currency":"EUR"}""");
        assertThat(low.status()).isEqualTo(422);
        assertThat(low.body().toString()).contains("payment-amount-out-of-limits");
        assertThat(finance.post("/api/accounts/%s/checkout-sessions".formatted(account), """
                {"amountMinor":100001,"currency":"EUR"}""").status()).isEqualTo(422);
        Api.Response dollars = finance.post("/api/accounts/%s/checkout-sessions".formatted(account), """
                {"amountMinor":2500,"currency":"USD"}""");
        assertThat(dollars.status()).isEqualTo(422);
        assertThat(dollars.body().toString()).contains("currency-mismatch");
        assertThat(as(TENANT_B).post("/api/accounts/%s/checkout-sessions".formatted(account), """
                {"amountMinor":2500,"currency":"EUR"}""").status()).isEqualTo(404);
    }

    @Test
    void aDisputeWithdrawsTheCreditOnceAndADepletedAccountIsCut() throws Exception {
        aPaidCheckout("evt_dp_" + id);

        assertThat(deliver(event("evt_d1_" + id, "charge.dispute.created", disputeObject("needs_response")), now()))
                .contains("APPLIED");
        // the same dispute reported by another event (funds_withdrawn carries it too): withdrawn once
        assertThat(deliver(event("evt_d2_" + id, "charge.dispute.created", disputeObject("needs_response")), now()))
                .endsWith(" DUPLICATE");

        assertThat(events.ofType(account, "BalanceRefunded")).singleElement().satisfies(reversal -> {
            assertThat(reversal.payload().get("reason").asText()).isEqualTo("payment disputed: du_" + id);
            assertThat(reversal.payload().get("balanceAfter").get("minorUnits").asLong()).isZero();
        });
        assertThat(events.typesOf(account)).contains("BalanceDepleted");
        await().atMost(Duration.ofSeconds(20)).until(() -> !events.ofType("m-" + id, "SupplyDecisionRecorded").isEmpty());
        assertThat(events.ofType("m-" + id, "SupplyDecisionRecorded").getFirst().payload().get("decision").asText())
                .isEqualTo("CUT");
    }

    @Test
    void aLostDisputeKeepsTheCreditReversed() throws Exception {
        aPaidCheckout("evt_lp_" + id);
        deliver(event("evt_lo_" + id, "charge.dispute.created", disputeObject("needs_response")), now());

        assertThat(deliver(event("evt_ll_" + id, "charge.dispute.closed", disputeObject("lost")), now()))
                .contains("APPLIED");

        assertThat(events.typesOf(payment)).endsWith("PaymentDisputed", "DisputeLost");
        assertThat(events.ofType(account, "AccountCredited")).hasSize(1);
        assertThat(events.ofType(account, "BalanceRefunded")).hasSize(1);
    }

    @Test
    void aWonDisputeRestoresTheCredit() throws Exception {
        String session = aPaidCheckout("evt_wp_" + id);
        deliver(event("evt_wo_" + id, "charge.dispute.created", disputeObject("under_review")), now());

        assertThat(deliver(event("evt_ww_" + id, "charge.dispute.closed", disputeObject("won")), now()))
                .contains("APPLIED");

        assertThat(events.ofType(account, "AccountCredited")).extracting(
                        credit -> credit.payload().get("reference").asText(),
                        credit -> credit.payload().get("balanceAfter").get("minorUnits").asLong())
                .containsExactly(tuple(session, 2500L), tuple("dispute won: du_" + id, 2500L));
    }

    @Test
    void aDisputeBeforeThePaymentsSuccessIsHeldForRedeliveryAndAnInquiryChangesNothing() throws Exception {
        String session = checkout(2500);
        assertThat(deliver(event("evt_di_" + id, "charge.dispute.created", disputeObject("warning_needs_response")),
                now())).contains("IGNORED_TYPE");
        String earlyId = "evt_de_" + id;
        String early = event(earlyId, "charge.dispute.created", disputeObject("needs_response"));
        assertThat(post(early, header(early, now(), SECRET)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEFERRED".equals(inbox(earlyId, "last_error")));
        assertThat(inbox(earlyId, "status")).isEqualTo("PENDING");
        assertThat(events.typesOf(account)).doesNotContain("BalanceRefunded");

        deliver(event("evt_dl_" + id, "checkout.session.completed", sessionObject(session, 2500, "paid")), now());
        // held in the inbox, not dropped: its next try applies it without a redelivery
        assertThat(outcomeOf(earlyId)).isEqualTo("APPLIED");
        assertThat(events.ofType(account, "BalanceRefunded")).hasSize(1);
    }

    /** channels: the staff's account page says how an online top-up was paid, as Stripe told it; no card data. */
    @Test
    void givenATopUpPaidWithAlipayWhenStaffOpenTheAccountThenItsStatementLineSaysAlipay() throws Exception {
        String session = checkout(2500);
        String paid = sessionObject(session, 2500, "paid").replace("\"livemode\":false}",
                "\"livemode\":false,\"payment_method_types\":[\"alipay\"]}");
        assertThat(deliver(event("evt_m_" + id, "checkout.session.completed", paid), now())).contains("APPLIED");
        assertThat(events.ofType(payment, "PaymentSucceeded").getFirst().payload().get("method").asText())
                .isEqualTo("ALIPAY");
        await().atMost(Duration.ofSeconds(20)).until(() -> as(TENANT_A).get("/api/accounts/" + account)
                .body().path("balanceMinor").asLong() == 2500);

        UiSession staff = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        UiSession.Page page = staff.get("/ui/accounts/" + account);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(session, "Online payment · Alipay").doesNotContain("Online payment · card");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private String checkout(long amount) {
        openAccount();
        String session = "cs_test_" + id + "_" + UUID.randomUUID().toString().replace("-", "");
        StripeFake.nextCheckoutSession(session, amount, "eur");
        Api.Response created = as(TENANT_A).post("/api/accounts/%s/checkout-sessions".formatted(account), """
                {"amountMinor":%d,"currency":"EUR"}""".formatted(amount));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.text("checkoutSessionId")).isEqualTo(session);
        assertThat(created.text("url")).contains(session);
        payment = created.text("paymentId");
        assertThat(events.typesOf(payment)).containsExactly("PaymentRequested", "CheckoutIssued");
        return session;
    }

    /** A 25.00 checkout whose completion (event {@code eventId}) has been applied: its session id. */
    private String aPaidCheckout(String eventId) throws Exception {
        String session = checkout(2500);
        assertThat(deliver(event(eventId, "checkout.session.completed", sessionObject(session, 2500, "paid")), now()))
                .contains("APPLIED");
        return session;
    }

    private void openAccount() {
        Api landlord = as(TENANT_A);
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"p-%s","name":"Pay Court"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/properties/p-%s/units".formatted(id), """
                {"unitId":"u-%s","name":"Flat 1"}""".formatted(id, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters", """
                {"meterId":"m-%s","unitId":"u-%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(id, id, id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/accounts", """
                {"accountId":"%s","unitId":"u-%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"100",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(account, id, id, MOVE_IN)).status())
                .isEqualTo(201);
    }

    private String sessionObject(String session, long amount, String paymentStatus) {
        return """
                {"id":"%s","object":"checkout.session","amount_total":%d,"currency":"eur","payment_status":"%s",
                 "status":"complete","mode":"payment","payment_intent":"pi_%s","livemode":false}"""
                .formatted(session, amount, paymentStatus, id);
    }

    private String chargeObject(long refundedTotal) {
        return """
                {"id":"ch_%s","object":"charge","amount":2500,"amount_refunded":%d,"currency":"eur",
                 "payment_intent":"pi_%s","refunded":%s,"livemode":false}"""
                .formatted(id, refundedTotal, id, refundedTotal == 2500);
    }

    private String disputeObject(String status) {
        return """
                {"id":"du_%s","object":"dispute","amount":2500,"currency":"eur","charge":"ch_%s",
                 "payment_intent":"pi_%s","reason":"fraudulent","status":"%s","livemode":false}"""
                .formatted(id, id, id, status);
    }

    /** A Stripe event as Stripe sends it; {@code api_version} must be the library's, or the object reads empty. */
    static String event(String eventId, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
                 "request":{"id":null,"idempotency_key":null},"type":"%s","data":{"object":%s}}"""
                .formatted(eventId, Stripe.API_VERSION, now(), type, object);
    }

    /** Posts a signed delivery; answers the endpoint's reply and, once the inbox has processed it, the outcome. */
    private String deliver(String payload, long timestamp) throws Exception {
        HttpResponse<String> response = post(payload, header(payload, timestamp, SECRET));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body() + " " + outcomeOf(JSON.readTree(payload).get("id").asText());
    }

    /** Waits until the inbox has processed the event; answers its outcome. */
    static String outcomeOf(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(inbox(eventId, "status")));
        return inbox(eventId, "outcome");
    }

    private static String inbox(String eventId, String column) {
        return OwnerJdbc.client().sql("select " + column + "::text from stripe_webhook_inbox where event_id = ?").param(eventId)
                .query(String.class).optional().orElse(null);
    }

    /** Posts a correctly signed delivery that must be refused with a 400 problem; answers the problem. */
    private JsonNode refused(String payload) throws Exception {
        HttpResponse<String> response = post(payload, header(payload, now(), SECRET));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String payload, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stripe's signing scheme, computed here: {@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + payload)>}. */
    static String header(String payload, long timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = timestamp + "." + payload;
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
