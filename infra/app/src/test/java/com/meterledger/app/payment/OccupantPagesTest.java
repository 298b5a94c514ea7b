package com.meterledger.app.payment;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.StripeFake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The occupant's payment pages, as a phone's browser sees them, against the Stripe fake. */
class OccupantPagesTest extends IntegrationTest {
    /** How long a projection may take to show a change on a loaded machine. */
    private static final Duration PROJECTION_PATIENCE = Duration.ofSeconds(30);

    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String id;
    private String account;
    private String token;
    private String linkId;
    private Api landlord;

    @BeforeEach
    void aFundedAccountWithConsumptionAndALink() {
        id = UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        landlord = as(TENANT_A);
        StripeFake.onboard(landlord, TENANT_A);
        Instant moveIn = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(landlord, id, "100", moveIn, "0");
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":5000,"currency":"EUR","reference":"seed-%s"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"10"}""".formatted(Instant.now().minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        await().atMost(PROJECTION_PATIENCE).until(() -> landlord.get("/api/accounts/" + account).status() == 200
                && landlord.get("/api/accounts/" + account).number("balanceMinor") == 4000);
        Api.Response link = landlord.post("/api/accounts/%s/payment-links".formatted(account), null);
        assertThat(link.status()).isEqualTo(201);
        token = link.text("token");
        linkId = link.text("linkId");
    }

    @Test
    void thePageShowsTheUnitBalanceRecentConsumptionAndTheTenantsAmounts() throws Exception {
        HttpResponse<String> page = get("/pay/%s?token=%s".formatted(account, token));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("form-action 'self' https://checkout.stripe.com"));
        assertThat(page.body()).contains("Test Court " + id, "Flat 1 · Electricity", "40.00 EUR", "width=device-width",
                // ten units at 1.00 EUR charged today
                "<td class=\"num\">10</td>", "<td class=\"num\">10.00 EUR</td>", "Last 30 days: 10.00 EUR",
                // the default presets and limits
                "value=\"1000\"", "value=\"2000\"", "value=\"5000\"", "1.00 EUR to 1000.00 EUR",
                "name=\"token\" value=\"" + token + "\"", "action=\"/pay/" + account + "/checkout\"");
    }

    @Test
    void givenAFundedAccount_whenTheOccupantOpensTheLink_thenThePortalExplainsSupplyDaysLeftUseTariffPaymentsAndZero()
            throws Exception {
        HttpResponse<String> page = get("/pay/%s?token=%s".formatted(account, token));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(
                // supply as confirmed, and how long 40.00 lasts at 10.00 of use in the account's one day
                "Supply</span>: <strong id=\"supply\" aria-live=\"polite\">on</strong>",
                "About 4 days left at your recent use",
                // use per day and month as a chart with its unit, and the same figures as a table with headers
                "<svg class=\"chart\" role=\"img\" aria-labelledby=\"daily-title\"", "Use (kWh)", "10 kWh",
                "<th scope=\"col\" class=\"num\">Use (kWh)</th>",
                // the account's private flat tariff: 100 minor units per kWh
                "Your tariff", "One price for every unit.", "1 EUR/kWh",
                // the seed top-up, with its receipt
                "Payments and refunds", "50.00 EUR", "/receipts/",
                // what happens at zero, from the tenant's friendly hours (the test tenant keeps none: no nights)
                "What happens at zero", "Contact your landlord",
                // the live balance: the portal's own script and its stream, authorised by the same link
                "src=\"/pay/assets/portal.js\"", "data-events=\"/pay/%s/events?token=%s\"".formatted(account, token));
        assertThat(get("/pay/assets/portal.js").statusCode()).isEqualTo(200);
    }

    @Test
    void givenACredit_whenTheOccupantOpensItsReceipt_thenItShowsTheAmountBalanceAfterAndHowItWasPaid()
            throws Exception {
        String receipt = receiptLink(get("/pay/%s?token=%s".formatted(account, token)).body());

        HttpResponse<String> page = get(receipt);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Payment receipt", "Test Court " + id, "Flat 1", "50.00 EUR",
                "Top-up recorded by your landlord", "seed-" + id, "Back to your account");
        // another number of the same account, a word, and the token of another account: no receipt
        assertThat(get(receipt.replaceFirst("/receipts/\\d+", "/receipts/999999")).statusCode()).isEqualTo(404);
        assertThat(get(receipt.replaceFirst("/receipts/\\d+", "/receipts/latest")).statusCode()).isEqualTo(404);
        assertThat(get(receipt.replaceFirst("\\?token=.*", "")).statusCode()).isEqualTo(401);
    }

    @Test
    void givenTheLinksOfTwoAccounts_whenOneLinkIsUsedOnTheOthersPortalStreamOrReceipt_thenNothingOfTheOtherShows()
            throws Exception {
        String other = UUID.randomUUID().toString().substring(0, 8);
        Premises.moveIn(landlord, other, "100", Instant.now().minus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.SECONDS), "0");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(other), """
                {"amountMinor":7777,"currency":"EUR","reference":"other-%s"}""".formatted(other)).status())
                .isEqualTo(201);
        // a link is issued for an account the read side knows: wait for it, as the test's first account does
        await().atMost(PROJECTION_PATIENCE).until(() -> landlord.get("/api/accounts/a-" + other).status() == 200);
        Api.Response issued = landlord.post("/api/accounts/a-%s/payment-links".formatted(other), null);
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        String otherToken = issued.text("token");
        await().atMost(PROJECTION_PATIENCE).until(() -> get("/pay/a-%s?token=%s".formatted(other, otherToken))
                .body().contains("77.77 EUR"));
        String otherReceipt = receiptLink(get("/pay/a-%s?token=%s".formatted(other, otherToken)).body());

        for (String path : List.of("/pay/a-%s?token=%s".formatted(other, token),
                "/pay/a-%s/events?token=%s".formatted(other, token),
                otherReceipt.replace(otherToken, token))) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("77.77", "other-" + other);
        }
    }

    @Test
    void givenAnOpenStream_whenTheAccountIsToppedUp_thenTheNewBalanceArrivesWithoutReloadingThePage()
            throws Exception {
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/pay/%s/events?token=%s".formatted(account, token)))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> stream.body().filter(line -> line.startsWith("data:"))
                .forEach(events::add));
        try {
            await().atMost(PROJECTION_PATIENCE).until(() -> events.stream().anyMatch(e -> e.contains(
                    "\"balance\":\"40.00 EUR\"")));
            assertThat(events.getFirst()).contains("\"supply\":\"on\"", "\"daysLeft\":\"About 4 days left");

            assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                    {"amountMinor":2000,"currency":"EUR","reference":"live-%s"}""".formatted(id)).status())
                    .isEqualTo(201);

            await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().anyMatch(e -> e.contains(
                    "\"balance\":\"60.00 EUR\"")));
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }

    private String receiptLink(String page) {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/pay/[^\"]+/receipts/[^\"]+)\"")
                .matcher(page);
        assertThat(link.find()).as(page).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    @Test
    void aPresetStartsAStripeCheckoutAndSendsTheBrowserThere() throws Exception {
        String session = "cs_test_page_" + id;
        StripeFake.nextCheckoutSession(session, 2000, "eur");

        HttpResponse<String> answer = post(Map.of("token", token, "presetMinor", "2000", "currency", "EUR"), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("https://checkout.stripe.com/c/pay/" + session);
        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("line_items[0][price_data][unit_amount]=2000")));
        assertThat(checkouts()).isEqualTo(1);
    }

    @Test
    void aTypedAmountInMajorUnitsIsPaidToTheCent() throws Exception {
        String session = "cs_test_typed_" + id;
        StripeFake.nextCheckoutSession(session, 2550, "eur");

        HttpResponse<String> answer = post(Map.of("token", token, "amount", " 25,50 "), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        StripeFake.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("line_items[0][price_data][unit_amount]=2550")));
    }

    @Test
    void badAmountsAndAForeignCurrencyShowTheReasonAndCreateNothing() throws Exception {
        assertRefused(Map.of("token", token, "amount", "lots"), 400, "enter an amount like 25 or 25.50");
        assertRefused(Map.of("token", token, "amount", "12.345"), 400, "enter an amount like 25 or 25.50");
        assertRefused(Map.of("token", token, "amount", "0.50"), 422, "pay at least 1.00 EUR and at most 1000.00 EUR");
        assertRefused(Map.of("token", token, "amount", "1000.01"), 422, "at most 1000.00 EUR");
        assertRefused(Map.of("token", token, "presetMinor", "99"), 422, "pay at least 1.00 EUR");
        assertRefused(Map.of("token", token, "amount", "25", "currency", "USD"), 422, "kept in EUR, not USD");

        // a script gets the same refusal as a problem
        HttpResponse<String> problem = post(Map.of("token", token, "amount", "lots"), null, "application/json");
        assertThat(problem.statusCode()).isEqualTo(400);
        assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.body()).contains("amount-invalid");
        assertThat(checkouts()).isZero();
    }

    @Test
    void aMissingExpiredRevokedOrForeignLinkShowsWhyAndCreatesNothing() throws Exception {
        HttpResponse<String> none = get("/pay/" + account);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("this payment link is invalid, has expired or was revoked");
        assertThat(get("/pay/a-someone-else?token=" + token).statusCode()).isEqualTo(404);

        Api.Response second = landlord.post("/api/accounts/%s/payment-links".formatted(account), null);
        OwnerJdbc.client().sql("update payment_link set expires_at = now() - interval '1 second' where link_id = ?")
                .param(second.text("linkId")).update();
        assertThat(get("/pay/%s?token=%s".formatted(account, second.text("token"))).statusCode()).isEqualTo(401);

        assertThat(landlord.delete("/api/payment-links/" + linkId).status()).isEqualTo(204);
        assertThat(get("/pay/%s?token=%s".formatted(account, token)).statusCode()).isEqualTo(401);
        assertThat(post(Map.of("token", token, "presetMinor", "2000"), null).statusCode()).isEqualTo(401);
        assertThat(checkouts()).isZero();
    }

    @Test
    void aClosedAccountTakesNoPayment() throws Exception {
        assertThat(landlord.post("/api/accounts/%s/move-out".formatted(account), """
                {"finalReadAt":"%s","finalRegister":"10","settlement":"REFUND"}"""
                .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(204);
        await().atMost(PROJECTION_PATIENCE).until(() -> get("/pay/%s?token=%s".formatted(account, token))
                .statusCode() == 422);

        assertThat(get("/pay/%s?token=%s".formatted(account, token)).body()).contains("this account is closed");
        assertThat(post(Map.of("token", token, "presetMinor", "2000"), null).statusCode()).isEqualTo(422);
        assertThat(checkouts()).isZero();
    }

    @Test
    void aFormPostFromAnotherSiteIsRefused() throws Exception {
        StripeFake.nextCheckoutSession("cs_test_origin_" + id, 2000, "eur");
        assertThat(post(Map.of("token", token, "presetMinor", "2000"), "https://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(postWithHeader("Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(postWithHeader("Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
        // an opaque origin (a sandboxed frame, a data: page) from a browser without fetch metadata
        assertThat(post(Map.of("token", token, "presetMinor", "2000"), "null").statusCode()).isEqualTo(403);
        assertThat(checkouts()).isZero();
        // the browser's own page posting: same origin
        assertThat(post(Map.of("token", token, "presetMinor", "2000"), "http://localhost:" + port).statusCode())
                .isEqualTo(303);
        assertThat(checkouts()).isEqualTo(1);
    }

    /** What Chromium sent from this page under {@code Referrer-Policy: no-referrer}: its own post, origin hidden. */
    @Test
    void aPostTheBrowserSaysIsSameOriginIsTakenWhateverItsOriginHeader() throws Exception {
        StripeFake.nextCheckoutSession("cs_test_null_origin_" + id, 2000, "eur");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pay/"
                                + account + "/checkout"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", BROWSER)
                        .header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                        .POST(HttpRequest.BodyPublishers.ofString("presetMinor=2000&token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        assertThat(checkouts()).isEqualTo(1);
    }

    @Test
    void pagesKeepTheirAddressFromOtherSitesButNameTheirOriginToTheirOwnForms() throws Exception {
        HttpResponse<String> page = get("/pay/%s?token=%s".formatted(account, token));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.body()).contains("<meta name=\"referrer\" content=\"same-origin\">");
    }

    @Test
    void theSuccessPageSaysTheBalanceUpdatesShortlyAndCreditsNothing() throws Exception {
        HttpResponse<String> success = get("/pay/success?session_id=cs_test_made_up");
        assertThat(success.statusCode()).isEqualTo(200);
        assertThat(success.body()).contains("Payment received", "Your balance updates shortly");
        HttpResponse<String> cancel = get("/pay/cancel");
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(cancel.body()).contains("Nothing was charged");
        assertThat(landlord.get("/api/accounts/" + account).number("balanceMinor")).isEqualTo(4000);
    }

    @Test
    void anOccupantWhosePhoneReadsChineseGetsThePageAndItsRefusalsInChineseWithTheRuleCodeUnchanged()
            throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/pay/%s?token=%s".formatted(account, token))).header("Accept", BROWSER)
                .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"zh-CN\"", "Flat 1 · 电", "正常供应（合闸）", "€40.00", "最近 30 天：€10.00", "付款",
                "€1.00 至 €1,000.00").doesNotContain("Top up", "40.00 EUR");
        // the switcher keeps the link: the same page, in English
        assertThat(page.body()).contains("/pay/%s?token=%s&amp;lang=en".formatted(account, token));

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pay/"
                        + account + "/checkout")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").header("Accept-Language", "zh-CN")
                .POST(HttpRequest.BodyPublishers.ofString("amount=lots&token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"title\":\"无法识别的金额\"", "请输入金额", "\"rule\":\"amount-invalid\"");

        // an unknown language is no error: English, as for a browser that names none
        HttpResponse<String> french = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/pay/%s?token=%s&lang=fr".formatted(account, token))).header("Accept", BROWSER)
                .header("Accept-Language", "fr-FR").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(french.statusCode()).isEqualTo(200);
        assertThat(french.body()).contains("Flat 1 · Electricity", "40.00 EUR");
        assertThat(checkouts()).isZero();
    }

    private void assertRefused(Map<String, String> form, int status, String reason) throws Exception {
        HttpResponse<String> answer = post(form, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(answer.body()).contains(reason).contains("role=\"alert\"");
    }

    private long checkouts() {
        return OwnerJdbc.client().sql("select count(*) from payment_checkout where account_id = ?").param(account)
                .query(Long.class).single();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", BROWSER)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postWithHeader(String name, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pay/" + account + "/checkout"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", BROWSER)
                .header(name, value)
                .POST(HttpRequest.BodyPublishers.ofString("presetMinor=2000&token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> form, String origin) throws Exception {
        return post(form, origin, BROWSER);
    }

    private HttpResponse<String> post(Map<String, String> form, String origin, String accept) throws Exception {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pay/" + account
                        + "/checkout"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
