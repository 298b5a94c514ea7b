package com.meterledger.app.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.StripeFake.Payout;
import com.meterledger.app.support.StripeFake.Transaction;
import com.meterledger.app.support.TestTokens;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.gateway.payment.reconciliation.StripeReconciliation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stripe Connect for landlords and the daily reconciliation, end to end against the WireMock Stripe fake, with Connect
 * webhooks signed in the test with Stripe's real scheme. Tenant B onboards here; tenant F is the reconciled one (no
 * other test pays on it, so its day holds exactly what this test seeds).
 */
@ExtendWith(OutputCaptureExtension.class)
class StripeConnectTest extends IntegrationTest {
    private static final String SECRET = "whsec_test_meterledger_0123456789";
    /** The Connect endpoint's own secret of application-test.yml. */
    private static final String CONNECT_SECRET = "whsec_test_connect_9876543210";
    private static final Instant MOVE_IN = Instant.parse("2026-03-01T00:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private String id;

    @Autowired
    StripeReconciliation reconciliation;

    @BeforeEach
    void names() {
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aLandlordConnectsStripeAndIssuesCheckoutsWithItsFeeOnlyOnceStripeLetsItCharge() throws Exception {
        Api landlord = as(TENANT_B);
        String account = StripeFake.accountOf(TENANT_B);
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        StripeFake.accountState(account, false, false, true);   // details submitted, Stripe still reviewing

        Api.Response onboarding = landlord.post("/api/payments/connect", null);
        assertThat(onboarding.status()).isEqualTo(200);
        assertThat(onboarding.text("connectedAccountId")).isEqualTo(account);
        assertThat(onboarding.text("url")).startsWith("https://connect.stripe.com/");
        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/accounts"))
                .withHeader("Idempotency-Key", equalTo("connect-" + TENANT_B)));
        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/account_links"))
                .withRequestBody(containing("account=" + account))
                .withRequestBody(containing("type=account_onboarding"))
                // the public address is http://localhost:${server.port}, 0 in a test on a random port
                .withRequestBody(containing("return_url=" + URLEncoder.encode("http://localhost:0/ui/finance/stripe",
                        StandardCharsets.UTF_8))));
        // where Stripe sends the landlord back is a page, at this application's own address
        UiSession.Page returned = UiSession.signIn(port, TestPeople.ADMIN_B, TestPeople.PASSWORD).get("/ui/finance/stripe");
        assertThat(returned.status()).isEqualTo(200);
        assertThat(returned.body()).contains(account);

        Api.Response back = landlord.get("/api/payments/connect/return");
        assertThat(back.body().get("detailsSubmitted").asBoolean()).isTrue();
        assertThat(back.body().get("chargesEnabled").asBoolean()).isFalse();
        Api.Response refused = startCheckout(landlord, 2500);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("rule")).isEqualTo("stripe-connect-onboarding-unfinished");

        // Stripe finishes its review and says so through the Connect webhook
        assertThat(deliver(connectEvent("evt_acct_" + id, account, StripeFake.account(account, true, true, true))))
                .contains("APPLIED");
        assertThat(landlord.put("/api/payments/settings", """
                {"basisPoints":150,"fixedMinor":30}""").status()).isEqualTo(200);
        StripeFake.nextCheckoutSession("cs_test_connect_" + id, 2500, "eur");
        assertThat(startCheckout(landlord, 2500).status()).isEqualTo(201);

        // a direct charge on the landlord's account; 1.5 % of 2500 = 37 (rounded down) + 30 fixed
        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Stripe-Account", equalTo(account))
                .withRequestBody(containing("payment_intent_data[application_fee_amount]=67")));
    }

    @Test
    void feeSettingsOutOfRangeAreRefusedAndChangeNothing() {
        Api landlord = as(TENANT_B);
        assertThat(landlord.put("/api/payments/settings", """
                {"basisPoints":120,"fixedMinor":25}""").status()).isEqualTo(200);

        assertThat(landlord.put("/api/payments/settings", """
                {"basisPoints":10001,"fixedMinor":0}""").status()).isEqualTo(400);
        assertThat(landlord.put("/api/payments/settings", """
                {"basisPoints":100,"fixedMinor":-1}""").status()).isEqualTo(400);
        assertThat(landlord.put("/api/payments/settings", """
                {"fixedMinor":5}""").status()).isEqualTo(400);

        Api.Response fee = landlord.get("/api/payments/settings");
        assertThat(fee.number("basisPoints")).isEqualTo(120);
        assertThat(fee.number("fixedMinor")).isEqualTo(25);
    }

    @Test
    void aConnectWebhookSignedWithTheConnectEndpointsOwnSecretIsAccepted() throws Exception {
        String account = StripeFake.onboard(as(TENANT_WITH_FRIENDLY_WINDOW), TENANT_WITH_FRIENDLY_WINDOW);
        String eventId = "evt_connect_secret_" + id;
        String event = connectEvent(eventId, account, StripeFake.account(account, true, true, true));

        HttpResponse<String> answer = post(event, StripePaymentTest.header(event, now(), CONNECT_SECRET));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(StripePaymentTest.outcomeOf(eventId)).isEqualTo("APPLIED");
    }

    @Test
    void aForgedConnectWebhookIsRefusedLoggedAndChangesNoAccount(CapturedOutput output) throws Exception {
        String account = StripeFake.onboard(as(TENANT_WITH_FRIENDLY_WINDOW), TENANT_WITH_FRIENDLY_WINDOW);
        String forged = connectEvent("evt_forged_" + id, account, StripeFake.account(account, false, false, false));

        HttpResponse<String> answer = post(forged, StripePaymentTest.header(forged, now(), "whsec_forged_elsewhere"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).contains("type=stripe_webhook_signature_invalid");
        assertThat(OwnerJdbc.client().sql("select charges_enabled from stripe_connected_account where account_id = ?")
                .param(account).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aReconciliationReportsExactlyTheMatchedTheMissingAndTheMismatchedAcrossStripesPages() throws Exception {
        Api landlord = as(TENANT_WITH_FRIENDLY_WINDOW);
        String account = StripeFake.onboard(landlord, TENANT_WITH_FRIENDLY_WINDOW);
        assertThat(landlord.put("/api/payments/settings", """
                {"basisPoints":100,"fixedMinor":0}""").status()).isEqualTo(200);
        Premises.moveIn(landlord, id, "100", MOVE_IN, "0");
        String matched = pay(landlord, "1");
        String shortPaid = pay(landlord, "2");
        String neverCharged = pay(landlord, "3");
        StripeFake.balance(account, 2, List.of(
                        Transaction.charge("txn_" + id + "_1", matched, 2500, 25),
                        Transaction.charge("txn_" + id + "_2", shortPaid, 2400, 25),
                        Transaction.charge("txn_" + id + "_x", "pi_not_ours_" + id, 1000, 10),
                        Transaction.payout("txn_" + id + "_po", "po_" + id, 3900)),
                List.of(new Payout("po_" + id, 3900)));

        Api.Response run = landlord.post("/api/payments/reconciliation/runs", """
                {"date":"%s"}""".formatted(today()));

        assertThat(run.status()).as(run.body().toString()).isEqualTo(201);
        assertThat(lines(run.body())).extracting(l -> l.get("kind").asText(), l -> l.get("outcome").asText(),
                        l -> l.get("stripeId").asText())
                .containsExactlyInAnyOrder(
                        tuple("CHARGE", "MATCHED", "ch_txn_" + id + "_1"),
                        tuple("CHARGE", "AMOUNT_MISMATCH", "ch_txn_" + id + "_2"),
                        tuple("CHARGE", "MISSING_IN_LEDGER", "ch_txn_" + id + "_x"),
                        tuple("CHARGE", "MISSING_AT_STRIPE", neverCharged),
                        tuple("PAYOUT", "MATCHED", "po_" + id));
        assertThat(lines(run.body())).filteredOn(l -> l.get("outcome").asText().equals("AMOUNT_MISMATCH"))
                .singleElement().satisfies(l -> assertThat(l.get("reason").asText())
                        .isEqualTo("we credited 2500, Stripe charged 2400"));
        // the second page was asked for with Stripe's cursor, on the landlord's account
        StripeFake.server().verify(getRequestedFor(urlPathEqualTo("/v1/balance_transactions"))
                .withHeader("Stripe-Account", equalTo(account))
                .withQueryParam("starting_after", equalTo("txn_" + id + "_2")));
    }

    @Test
    void theStoredReportReadsBackAndExportsAsCsv() throws Exception {
        Api landlord = as(TENANT_WITH_FRIENDLY_WINDOW);
        String account = StripeFake.onboard(landlord, TENANT_WITH_FRIENDLY_WINDOW);
        StripeFake.balance(account, 10, List.of(), List.of(new Payout("po_csv_" + id, 100)));
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        assertThat(landlord.post("/api/payments/reconciliation/runs", """
                {"date":"%s"}""".formatted(day)).status()).isEqualTo(201);

        Api.Response report = landlord.get("/api/payments/reconciliation?date=" + day);
        assertThat(report.status()).isEqualTo(200);
        assertThat(lines(report.body())).singleElement().satisfies(l ->
                assertThat(l.get("outcome").asText()).isEqualTo("MISSING_AT_STRIPE"));

        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/payments/reconciliation/export?date=" + day))
                .header("Authorization", "Bearer " + TestTokens.adminOf(TENANT_WITH_FRIENDLY_WINDOW, port)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().split("\r\n")).hasSize(2).satisfies(rows -> {
            assertThat(rows[0]).startsWith("date,run_id,connected_account,kind,outcome,stripe_id");
            assertThat(rows[1]).contains(",PAYOUT,MISSING_AT_STRIPE,po_csv_" + id + ",");
        });
    }

    @Test
    void anotherTenantSeesNeitherTheReconciliationNorTheConnectedAccount() {
        Api landlord = as(TENANT_WITH_FRIENDLY_WINDOW);
        String account = StripeFake.onboard(landlord, TENANT_WITH_FRIENDLY_WINDOW);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        assertThat(landlord.post("/api/payments/reconciliation/runs", """
                {"date":"%s"}""".formatted(day)).status()).isEqualTo(201);

        Api other = as(TENANT_A);
        assertThat(other.get("/api/payments/reconciliation?date=" + day).status()).isEqualTo(404);
        Api.Response status = other.get("/api/payments/connect");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().toString()).doesNotContain(account);
    }

    @Test
    void theDailyJobIsScheduledAndReconcilesEveryConnectedTenantOutsideAnyRequest() {
        StripeFake.onboard(as(TENANT_WITH_FRIENDLY_WINDOW), TENANT_WITH_FRIENDLY_WINDOW);
        LocalDate day = reconciliation.yesterday(new TenantId(TENANT_WITH_FRIENDLY_WINDOW));

        reconciliation.runAll();

        assertThat(reconciliation.report(new TenantId(TENANT_WITH_FRIENDLY_WINDOW), day).startedBy())
                .isEqualTo("scheduler");
        Instant next = OwnerJdbc.client().sql("select execution_time from scheduled_tasks where task_name = ?")
                .param("stripe-reconciliation").query(Timestamp.class).single().toInstant();
        assertThat(next.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(4, 0));
    }

    @Test
    void badReconciliationRequestsAreRefusedWithAProblem() {
        Api landlord = as(TENANT_WITH_FRIENDLY_WINDOW);
        StripeFake.onboard(landlord, TENANT_WITH_FRIENDLY_WINDOW);
        assertThat(landlord.post("/api/payments/reconciliation/runs", """
                {"date":"%s"}""".formatted(LocalDate.now(ZoneOffset.UTC).plusDays(2))).status()).isEqualTo(400);
        assertThat(landlord.post("/api/payments/reconciliation/runs", "{}").status()).isEqualTo(400);
        assertThat(landlord.get("/api/payments/reconciliation?date=yesterday").status()).isEqualTo(400);
        assertThat(landlord.get("/api/payments/reconciliation").status()).isEqualTo(400);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Api.Response startCheckout(Api landlord, long amount) {
        return landlord.post("/api/accounts/a-%s/checkout-sessions".formatted(id), """
                {"amountMinor":%d,"currency":"EUR"}""".formatted(amount));
    }

    /** A paid checkout of 2500 onto the test's account; returns its payment intent. */
    private String pay(Api landlord, String n) throws Exception {
        String session = "cs_test_rec_" + id + "_" + n;
        String intent = "pi_" + id + "_" + n;
        StripeFake.nextCheckoutSession(session, 2500, "eur");
        assertThat(startCheckout(landlord, 2500).status()).isEqualTo(201);
        assertThat(deliver(StripePaymentTest.event("evt_rec_" + id + "_" + n, "checkout.session.completed", """
                {"id":"%s","object":"checkout.session","amount_total":2500,"currency":"eur","payment_status":"paid",
                 "status":"complete","mode":"payment","payment_intent":"%s","livemode":false}"""
                .formatted(session, intent)))).contains("APPLIED");
        return intent;
    }

    /** A Connect event: Stripe names the connected account it happened on. */
    private static String connectEvent(String eventId, String account, String object) {
        return StripePaymentTest.event(eventId, "account.updated", object)
                .replaceFirst("\"object\":\"event\",", "\"object\":\"event\",\"account\":\"" + account + "\",");
    }

    /** Posts a signed delivery; answers the endpoint's reply and, once the inbox has processed it, the outcome. */
    private String deliver(String payload) throws Exception {
        HttpResponse<String> response = post(payload, StripePaymentTest.header(payload, now(), SECRET));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body() + " " + StripePaymentTest.outcomeOf(new ObjectMapper().readTree(payload).get("id").asText());
    }

    private HttpResponse<String> post(String payload, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8").header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> lines(JsonNode report) {
        return StreamSupport.stream(report.get("lines").spliterator(), false).toList();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
