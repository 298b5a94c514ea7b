package com.meterledger.app.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.gateway.payment.billing.SubscriptionBilling;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's own subscription billing against the WireMock Stripe fake, with subscription and invoice webhooks
 * signed in the test as Stripe signs them and delivered through the durable inbox. The tenants sign up through the
 * front door.
 */
class SubscriptionBillingTest extends IntegrationTest {
    private static final String SECRET = "whsec_test_meterledger_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SubscriptionBilling billing;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTrialThenAFailedInvoiceMakesTheTenantPastDueThenSuspendedAfterTheGracePeriodWhileItsOccupantsAreNeverPunished()
            throws Exception {
        // given a property group that signed up and verified its e-mail
        String tenant = "billing-v";
        SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en", tenant);
        Api admin = client("billing-v-admin");
        Api gateway = client("billing-v-gateway");
        String customer = StripeFake.customerOf(tenant);
        assertThat(admin.get("/api/tenant/billing").body().get("subscribed").asBoolean()).isFalse();

        // when its administrator subscribes to a plan: Checkout in subscription mode, with the plan's free trial
        StripeFake.nextSubscriptionCheckout("cs_sub_" + tenant);
        Api.Response checkout = admin.post("/api/tenant/billing/checkout-sessions", "{\"plan\":\"starter\"}");
        assertThat(checkout.status()).as(checkout.body().toString()).isEqualTo(201);
        assertThat(checkout.text("url")).isEqualTo("https://checkout.stripe.com/c/pay/cs_sub_" + tenant);
        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=subscription"))
                .withRequestBody(containing("customer=" + customer))
                .withRequestBody(containing("subscription_data[trial_period_days]=30"))
                .withRequestBody(containing("line_items[0][price]=price_meterledger_starter")));

        // then Stripe's facts move the tenant: the session itself changes nothing, the trialing subscription does
        assertThat(deliver(event("evt_cs_" + tenant, "checkout.session.completed", """
                {"id":"cs_sub_%s","object":"checkout.session","mode":"subscription","payment_status":"no_payment_required",
                 "status":"complete","customer":"%s","livemode":false}""".formatted(tenant, customer))))
                .endsWith("IGNORED_TYPE");
        String verified = statusOf(tenant);
        assertThat(deliver(event("evt_i0_" + tenant, "invoice.paid", invoice("in_0_" + tenant, customer, 0))))
                .as("the trial's zero invoice, which Stripe may send before the subscription").endsWith("APPLIED");
        assertThat(statusOf(tenant)).as("a zero invoice makes no one active").isEqualTo(verified);
        Instant trialEnd = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(deliver(event("evt_sc_" + tenant, "customer.subscription.created",
                subscription(tenant, customer, "trialing", trialEnd)))).endsWith("APPLIED");
        assertThat(statusOf(tenant)).isEqualTo("TRIALING");
        JsonNode state = admin.get("/api/tenant/billing").body();
        assertThat(state.get("plan").asText()).isEqualTo("starter");
        assertThat(state.get("subscriptionStatus").asText()).isEqualTo("trialing");
        assertThat(Instant.parse(state.get("trialEnd").asText())).isEqualTo(trialEnd);

        // and an occupant who pays through a link, on an account with a little money, under no friendly window
        JsonNode settings = admin.get("/api/tenant/settings").body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) settings).set("friendlyHours", JSON.readTree("""
                {"nightStart":"00:00","nightEnd":"00:00","weekends":false,"holidays":[]}"""));
        assertThat(admin.put("/api/tenant/settings", settings.toString()).status()).isEqualTo(200);
        StripeFake.onboard(admin, tenant);
        Instant openedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(admin, "v1", "100", openedAt, "1000");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/a-v1").status() == 200);
        assertThat(admin.post("/api/accounts/a-v1/top-ups", """
                {"amountMinor":500,"currency":"EUR","reference":"seed-v1"}""").status()).isEqualTo(201);
        Api.Response link = admin.post("/api/accounts/a-v1/payment-links", null);
        assertThat(link.status()).as(link.body().toString()).isEqualTo(201);

        // when the trial converts and the first invoice is paid, then a later invoice fails
        assertThat(deliver(event("evt_su_" + tenant, "customer.subscription.updated",
                subscription(tenant, customer, "active", null)))).endsWith("APPLIED");
        assertThat(deliver(event("evt_i1_" + tenant, "invoice.paid", invoice("in_1_" + tenant, customer, 1200))))
                .endsWith("APPLIED");
        assertThat(statusOf(tenant)).isEqualTo("ACTIVE");
        String failed = event("evt_i2_" + tenant, "invoice.payment_failed", invoice("in_2_" + tenant, customer, 1500));
        assertThat(deliver(failed)).endsWith("APPLIED");

        // then it is past due: its staff still work during the grace period, which is a stored deadline
        assertThat(statusOf(tenant)).isEqualTo("PAST_DUE");
        assertThat(admin.post("/api/properties", "{\"propertyId\":\"p-v2\",\"name\":\"Second\"}").status())
                .isEqualTo(201);
        Instant graceUntil = Instant.parse(admin.get("/api/tenant/billing").body().get("graceUntil").asText());
        assertThat(graceUntil).isAfter(Instant.now().plus(Duration.ofDays(6)));
        assertThat(billing.suspendOverdue(Instant.now())).doesNotContain(new TenantId(tenant));

        // when the grace period has passed, the scheduled check suspends it, with the reason
        assertThat(billing.suspendOverdue(graceUntil.plusSeconds(1))).contains(new TenantId(tenant));
        assertThat(statusOf(tenant)).isEqualTo("SUSPENDED");
        assertThat(new EventStore(jdbc).ofType(tenant, "TenantStatusChanged").getLast().payload().get("reason")
                .asText()).contains("in_2_" + tenant, "grace period ended");
        Api.Response refused = admin.post("/api/properties", "{\"propertyId\":\"p-v3\",\"name\":\"Third\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("rule")).isEqualTo("tenant-staff-writes-suspended");
        // the way out stays open: the administrator can still reach the Customer Portal
        Api.Response portal = admin.post("/api/tenant/billing/portal-sessions", null);
        assertThat(portal.status()).as(portal.body().toString()).isEqualTo(201);
        assertThat(portal.text("url")).startsWith("https://billing.stripe.com/");

        // then its occupants are never punished: the reading is charged, the cut runs, the link pays, supply returns
        assertThat(gateway.post("/api/meters/m-v1/readings", """
                {"readAt":"%s","registerValue":"1010"}""".formatted(Instant.now().minusSeconds(60)
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        awaitAccount(admin, "balanceMinor", "-500");
        awaitAccount(admin, "pendingCommand", "CUT");
        acknowledge(gateway, "m-v1");
        awaitAccount(admin, "supplyState", "OFF");
        String session = "cs_test_occupant_" + tenant;
        StripeFake.nextCheckoutSession(session, 2000, "eur");
        Api.Response pay = anonymous().post("/pay/a-v1/checkout-sessions?token=" + link.text("token"),
                "{\"amountMinor\":2000}");
        assertThat(pay.status()).as(pay.body().toString()).isEqualTo(201);
        assertThat(deliver(event("evt_pay_" + tenant, "checkout.session.completed", """
                {"id":"%s","object":"checkout.session","amount_total":2000,"currency":"eur","payment_status":"paid",
                 "status":"complete","mode":"payment","payment_intent":"pi_%s","livemode":false}"""
                .formatted(session, tenant)))).endsWith("APPLIED");
        awaitAccount(admin, "balanceMinor", "1500");
        awaitAccount(admin, "pendingCommand", "RESTORE");
        acknowledge(gateway, "m-v1");
        awaitAccount(admin, "supplyState", "ON");

        // when the invoice is paid at last, the tenant is active and its staff write again; Stripe's redelivery of
        // the failed invoice's event is processed exactly once and changes nothing
        assertThat(deliver(event("evt_i3_" + tenant, "invoice.paid", invoice("in_2_" + tenant, customer, 1500))))
                .endsWith("APPLIED");
        assertThat(statusOf(tenant)).isEqualTo("ACTIVE");
        assertThat(deliver(failed)).contains("ALREADY_RECEIVED").endsWith("APPLIED");
        assertThat(statusOf(tenant)).isEqualTo("ACTIVE");
        assertThat(admin.post("/api/properties", "{\"propertyId\":\"p-v3\",\"name\":\"Third\"}").status())
                .isEqualTo(201);
        assertThat(OwnerJdbc.client().sql("select grace_until from tenant_subscription where tenant_id = ?")
                .param(tenant).query(Instant.class).optional()).isEmpty();
    }

    @Test
    void badPlansAndAPortalBeforeSubscribingAreRefusedThenThePlanLimitHoldsAndTheDailyReportSendsActiveMetersOnce()
            throws Exception {
        // given a signed-up tenant with no subscription
        String tenant = "billing-u";
        SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en", tenant);
        Api admin = client("billing-u-admin");

        // when its administrator asks for a plan that does not exist, or for the portal before subscribing
        Api.Response unknown = admin.post("/api/tenant/billing/checkout-sessions", "{\"plan\":\"platinum\"}");
        Api.Response none = admin.post("/api/tenant/billing/checkout-sessions", "{}");
        Api.Response portal = admin.post("/api/tenant/billing/portal-sessions", null);

        // then each is a problem naming the field or rule, and nothing is stored or asked of Stripe
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("plan", "billing-plan-unknown", "starter", "growth");
        assertThat(none.status()).isEqualTo(400);
        assertThat(portal.status()).isEqualTo(422);
        assertThat(portal.text("rule")).isEqualTo("billing-not-subscribed");
        assertThat(rowsOf(tenant)).isZero();
        StripeFake.server().verify(0, postRequestedFor(urlEqualTo("/v1/customers"))
                .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "billing-customer-" + tenant)));
        // another tenant's administrator and the operator get no tenant's billing; a webhook about a customer the
        // platform never made is acknowledged with its reason, and stores nothing
        assertThat(client("platform-admin").get("/api/tenant/billing").status()).isEqualTo(403);
        assertThat(deliver(event("evt_stranger_" + tenant, "customer.subscription.created",
                subscription("stranger", "cus_stranger", "active", null)))).endsWith("UNKNOWN_OBJECT");
        assertThat(OwnerJdbc.client().sql("select count(*) from tenant_subscription where customer_id = 'cus_stranger'")
                .query(Long.class).single()).isZero();

        // when it subscribes, has two active meters and the day's report runs twice
        StripeFake.nextSubscriptionCheckout("cs_sub_" + tenant);
        assertThat(admin.post("/api/tenant/billing/checkout-sessions", "{\"plan\":\"starter\"}").status())
                .isEqualTo(201);
        assertThat(deliver(event("evt_sc_" + tenant, "customer.subscription.created", subscription(tenant,
                StripeFake.customerOf(tenant), "trialing", Instant.now().plus(Duration.ofDays(30)))))).endsWith("APPLIED");
        Instant openedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(admin, "u1", "100", openedAt, "0");
        Premises.moveIn(admin, "u2", "100", openedAt, "0");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin.get("/api/tenant/billing").body().get("activeMeters").asLong()).isEqualTo(2));
        // and a third move-in would pass the plan's limit: refused with the limit and where to upgrade, nothing stored
        Premises.unitWithMeter(admin, "u3");
        Api.Response over = admin.post("/api/accounts", """
                {"accountId":"a-u3","unitId":"u-u3","meterId":"m-u3","currency":"EUR","pricePerUnitMinor":"100",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(openedAt));
        assertThat(over.status()).as(over.body().toString()).isEqualTo(402);
        assertThat(over.text("rule")).isEqualTo("plan-meter-limit-reached");
        assertThat(over.number("limit")).isEqualTo(2);
        assertThat(over.text("upgrade")).isEqualTo("/ui/billing");
        assertThat(admin.get("/api/accounts/a-u3").status()).isEqualTo(404);

        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        billing.reportActiveMeters(day);
        billing.reportActiveMeters(day);

        // then Stripe's billing meter got one event, identified by tenant and day, with the count
        StripeFake.server().verify(1, postRequestedFor(urlEqualTo("/v1/billing/meter_events"))
                .withRequestBody(containing("identifier=" + tenant + "%3A" + day))
                .withRequestBody(containing("payload[value]=2"))
                .withRequestBody(containing("payload[stripe_customer_id]=" + StripeFake.customerOf(tenant))));
        JsonNode row = JSON.valueToTree(client("platform-admin").get("/api/platform/subscriptions").body());
        assertThat(row.toString()).contains("\"tenantId\":\"" + tenant + "\"", "\"plan\":\"starter\"",
                "\"subscriptionStatus\":\"trialing\"");
    }

    private Api client(String clientId) {
        return new Api("http://localhost:" + port, TestTokens.clientCredentials(port, clientId, "test-secret"));
    }

    private static long rowsOf(String tenant) {
        return OwnerJdbc.client().sql("select count(*) from tenant_subscription where tenant_id = ?").param(tenant)
                .query(Long.class).single();
    }

    private String statusOf(String tenant) {
        JsonNode tenants = client("platform-admin").get("/api/platform/tenants").body();
        for (JsonNode row : tenants) {
            if (tenant.equals(row.get("tenantId").asText())) {
                return row.get("status").asText();
            }
        }
        throw new AssertionError("no tenant " + tenant + " in " + tenants);
    }

    private void awaitAccount(Api staff, String field, String expected) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(staff.get("/api/accounts/a-v1").text(field)).isEqualTo(expected));
    }

    private void acknowledge(Api gateway, String meter) {
        List<EventStore.StoredEvent> issued = new EventStore(jdbc).ofType(meter, "SupplyCommandIssued");
        String commandId = issued.getLast().payload().get("commandId").get("value").asText();
        assertThat(gateway.post("/api/meters/%s/supply-commands/%s/acknowledgement".formatted(meter, commandId),
                "{\"executed\":true}").status()).isEqualTo(204);
    }

    private static String subscription(String tenant, String customer, String status, Instant trialEnd) {
        return """
                {"id":"sub_%s","object":"subscription","customer":"%s","status":"%s","trial_end":%s,"livemode":false,
                 "items":{"object":"list","has_more":false,"url":"/v1/subscription_items","data":[
                   {"id":"si_%s","object":"subscription_item","price":{"id":"price_meterledger_starter","object":"price",
                    "currency":"eur","billing_scheme":"tiered","recurring":{"interval":"month","usage_type":"metered"}}}]}}"""
                .formatted(tenant, customer, status, trialEnd == null ? "null" : trialEnd.getEpochSecond(), tenant);
    }

    private static String invoice(String invoiceId, String customer, long amount) {
        return """
                {"id":"%s","object":"invoice","customer":"%s","currency":"eur","amount_due":%d,"amount_paid":%d,
                 "status":"%s","livemode":false}""".formatted(invoiceId, customer, amount, amount,
                amount == 0 ? "paid" : "open");
    }

    private static String event(String eventId, String type, String object) {
        return StripePaymentTest.event(eventId, type, object);
    }

    private String deliver(String payload) throws Exception {
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripePaymentTest.header(payload, now, SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body() + " " + StripePaymentTest.outcomeOf(JSON.readTree(payload).get("id").asText());
    }
}
