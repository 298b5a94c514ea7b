package com.meterledger.app.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.responsetemplating.ResponseTemplateTransformer;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Stripe fake: one WireMock server per test JVM, started on a free port before the application context, and
 * given to the application as its Stripe API base. It answers every call the adapter makes with Stripe-shaped JSON:
 * by default a connected account per tenant ({@code acct_connect-<tenant>}, from Stripe's idempotency key), an
 * onboarding link, the account as not yet able to take charges, and empty balance transaction and payout lists.
 * Tests stub the answers they need on top (a higher priority).
 */
public final class StripeFake {
    /** Tests' stubs win over the defaults. */
    private static final int TEST = 1;
    private static final int DEFAULT = 10;
    private static WireMockServer server;

    private StripeFake() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                    .templatingEnabled(true).globalTemplating(false));
            server.start();
            defaults(server);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }

    /** The connected account Stripe creates for a tenant (the fake names it after the tenant). */
    public static String accountOf(String tenant) {
        return "acct_connect-" + tenant;
    }

    /** Stripe answers the next checkout creation with this session (a Checkout Session object, Stripe's JSON shape). */
    public static void nextCheckoutSession(String sessionId, long amountMinor, String currency) {
        server().stubFor(WireMock.post("/v1/checkout/sessions").atPriority(TEST).willReturn(WireMock.okJson("""
                {"id":"%s","object":"checkout.session","amount_total":%d,"currency":"%s","mode":"payment",
                 "payment_status":"unpaid","status":"open","livemode":false,
                 "url":"https://checkout.stripe.com/c/pay/%s"}""".formatted(sessionId, amountMinor, currency, sessionId))));
    }

    /** The platform's own billing customer the fake makes for a tenant (named after Stripe's idempotency key). */
    public static String customerOf(String tenant) {
        return "cus_billing-customer-" + tenant;
    }

    /** Stripe answers the next subscription-mode checkout creation with this session. */
    public static void nextSubscriptionCheckout(String sessionId) {
        server().stubFor(WireMock.post("/v1/checkout/sessions").atPriority(TEST)
                .withRequestBody(WireMock.containing("mode=subscription")).willReturn(WireMock.okJson("""
                        {"id":"%s","object":"checkout.session","mode":"subscription","payment_status":"unpaid",
                         "status":"open","livemode":false,"url":"https://checkout.stripe.com/c/pay/%s"}"""
                        .formatted(sessionId, sessionId))));
    }

    /** {@code GET /v1/accounts/{id}} reports this state from now on. */
    public static void accountState(String accountId, boolean chargesEnabled, boolean payoutsEnabled,
                                    boolean detailsSubmitted) {
        server().stubFor(WireMock.get("/v1/accounts/" + accountId).atPriority(TEST)
                .willReturn(WireMock.okJson(account(accountId, chargesEnabled, payoutsEnabled, detailsSubmitted))));
    }

    /** Stripe's account object as the API and the account.updated event carry it. */
    public static String account(String accountId, boolean chargesEnabled, boolean payoutsEnabled,
                                 boolean detailsSubmitted) {
        return """
                {"id":"%s","object":"account","type":"standard","country":"DE","default_currency":"eur",
                 "charges_enabled":%s,"payouts_enabled":%s,"details_submitted":%s,"livemode":false}"""
                .formatted(accountId, chargesEnabled, payoutsEnabled, detailsSubmitted);
    }

    /**
     * The tenant's landlord connects Stripe and finishes onboarding: afterwards the tenant can issue checkouts.
     * Idempotent, so every test that pays can call it first.
     */
    public static String onboard(Api tenantAdmin, String tenant) {
        String account = accountOf(tenant);
        accountState(account, true, true, true);
        Api.Response started = tenantAdmin.post("/api/payments/connect", null);
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(200);
        Api.Response back = tenantAdmin.get("/api/payments/connect/return");
        assertThat(back.status()).as(String.valueOf(back.body())).isEqualTo(200);
        assertThat(back.body().get("chargesEnabled").asBoolean()).isTrue();
        return account;
    }

    /** One Stripe balance transaction (the source expanded, as the adapter asks for it). */
    public record Transaction(String id, String type, long amount, long applicationFee, String currency,
                              String source) {
        /** A charge of a payment intent, with Stripe's processing fee and the platform's application fee. */
        public static Transaction charge(String id, String paymentIntent, long amount, long applicationFee) {
            return new Transaction(id, "charge", amount, applicationFee, "eur", """
                    {"id":"ch_%s","object":"charge","amount":%d,"currency":"eur","payment_intent":"%s",
                     "paid":true,"status":"succeeded"}""".formatted(id, amount, paymentIntent));
        }

        public static Transaction payout(String id, String payoutId, long amount) {
            return new Transaction(id, "payout", -amount, 0, "eur", payoutObject(payoutId, amount));
        }

        String json(Instant created) {
            long stripeFee = amount > 0 ? 25 + amount * 14 / 1000 : 0;
            String fees = amount > 0 ? """
                    [{"amount":%d,"application":null,"currency":"%s","description":"Stripe processing fees","type":"stripe_fee"},
                     {"amount":%d,"application":"ca_meterledger","currency":"%s","description":"application fee","type":"application_fee"}]"""
                    .formatted(stripeFee, currency, applicationFee, currency) : "[]";
            long fee = amount > 0 ? stripeFee + applicationFee : 0;
            return """
                    {"id":"%s","object":"balance_transaction","amount":%d,"available_on":%d,"created":%d,
                     "currency":"%s","description":null,"exchange_rate":null,"fee":%d,"fee_details":%s,"net":%d,
                     "reporting_category":"%s","source":%s,"status":"pending","type":"%s"}"""
                    .formatted(id, amount, created.getEpochSecond(), created.getEpochSecond(), currency, fee, fees,
                            amount - fee, type, source, type);
        }
    }

    public record Payout(String id, long amount) {
    }

    private static String payoutObject(String payoutId, long amount) {
        return """
                {"id":"%s","object":"payout","amount":%d,"arrival_date":%d,"created":%d,"currency":"eur",
                 "status":"paid","type":"bank_account","method":"standard","livemode":false}"""
                .formatted(payoutId, amount, Instant.now().getEpochSecond(), Instant.now().getEpochSecond());
    }

    /**
     * The connected account's balance transactions, in pages of {@code pageSize} chained by Stripe's cursor
     * ({@code has_more}, {@code starting_after}), and its payouts (one page).
     */
    public static void balance(String accountId, int pageSize, List<Transaction> transactions, List<Payout> payouts) {
        Instant created = Instant.now();
        for (int start = 0; start < transactions.size() || start == 0; start += pageSize) {
            List<Transaction> page = transactions.subList(start, Math.min(transactions.size(), start + pageSize));
            boolean more = start + pageSize < transactions.size();
            var request = WireMock.get(WireMock.urlPathEqualTo("/v1/balance_transactions")).atPriority(TEST)
                    .withHeader("Stripe-Account", WireMock.equalTo(accountId))
                    .withQueryParam("starting_after", start == 0 ? WireMock.absent()
                            : WireMock.equalTo(transactions.get(start - 1).id()));
            server().stubFor(request.willReturn(WireMock.okJson(list("/v1/balance_transactions", more,
                    page.stream().map(t -> t.json(created)).toList()))));
        }
        server().stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/payouts")).atPriority(TEST)
                .withHeader("Stripe-Account", WireMock.equalTo(accountId))
                .willReturn(WireMock.okJson(list("/v1/payouts", false,
                        payouts.stream().map(p -> payoutObject(p.id(), p.amount())).toList()))));
    }

    private static String list(String url, boolean hasMore, List<String> data) {
        return """
                {"object":"list","url":"%s","has_more":%s,"data":[%s]}""".formatted(url, hasMore, String.join(",", data));
    }

    private static void defaults(WireMockServer fake) {
        fake.stubFor(WireMock.post("/v1/customers").atPriority(DEFAULT).willReturn(WireMock.okJson("""
                        {"id":"cus_{{request.headers.Idempotency-Key}}","object":"customer","livemode":false}""")
                .withTransformers(ResponseTemplateTransformer.NAME)));
        fake.stubFor(WireMock.post("/v1/billing_portal/sessions").atPriority(DEFAULT).willReturn(WireMock.okJson("""
                        {"id":"bps_fake","object":"billing_portal.session","livemode":false,
                         "url":"https://billing.stripe.com/p/session/fake"}""")));
        fake.stubFor(WireMock.delete(WireMock.urlPathMatching("/v1/subscriptions/sub_[^/]+")).atPriority(DEFAULT)
                .willReturn(WireMock.okJson("""
                        {"id":"{{request.pathSegments.[2]}}","object":"subscription","status":"canceled",
                         "livemode":false}""").withTransformers(ResponseTemplateTransformer.NAME)));
        fake.stubFor(WireMock.post("/v1/billing/meter_events").atPriority(DEFAULT).willReturn(WireMock.okJson("""
                        {"object":"billing.meter_event","event_name":"meterledger_active_meters","livemode":false,
                         "identifier":"fake","payload":{},"timestamp":0,"created":0}""")));
        fake.stubFor(WireMock.post("/v1/accounts").atPriority(DEFAULT).willReturn(WireMock.okJson(
                        account("acct_{{request.headers.Idempotency-Key}}", false, false, false))
                .withTransformers(ResponseTemplateTransformer.NAME)));
        fake.stubFor(WireMock.get(WireMock.urlPathMatching("/v1/accounts/acct_[^/]+")).atPriority(DEFAULT)
                .willReturn(WireMock.okJson(account("{{request.pathSegments.[2]}}", false, false, false))
                        .withTransformers(ResponseTemplateTransformer.NAME)));
        fake.stubFor(WireMock.post("/v1/account_links").atPriority(DEFAULT).willReturn(WireMock.okJson("""
                {"object":"account_link","created":%d,"expires_at":%d,
                 "url":"https://connect.stripe.com/setup/s/acct_onboarding/fake"}"""
                .formatted(Instant.now().getEpochSecond(), Instant.now().plusSeconds(300).getEpochSecond()))));
        fake.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/balance_transactions")).atPriority(DEFAULT)
                .willReturn(WireMock.okJson(list("/v1/balance_transactions", false, List.of()))));
        fake.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/payouts")).atPriority(DEFAULT)
                .willReturn(WireMock.okJson(list("/v1/payouts", false, List.of()))));
    }
}
