package com.meterledger.app.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.UiSession;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.meterledger.app.support.Chromium.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant administrator closes their organisation on the closure page, in English at desktop size and in Chinese on
 * a 390 px phone (screenshots {@code closure-*.png}): the page explains export, erasure and retention first; a wrong
 * id is refused in place and closes nothing; the tenant's own id and a reason close it, erase its people and cancel
 * its plan's subscription at Stripe (the WireMock fake), whose {@code customer.subscription.deleted} then changes
 * nothing. The tenants sign up through the front door and subscribe through the billing page.
 */
class TenantClosureBrowserTest extends IntegrationTest {
    private static final String SECRET = "whsec_test_meterledger_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Chromium chromium;

    @Autowired
    EmbeddedMailSink mailbox;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdministratorClosesTheOrganisationOnThePageAfterTypingItsIdAndItsSubscriptionIsCancelledAtStripe()
            throws Exception {
        for (String size : new String[] {"desktop", "phone"}) {
            // given a signed-up tenant whose administrator subscribed to a plan (trialing at Stripe)
            String language = size.equals("desktop") ? "en" : "zh-CN";
            SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, language,
                    "closing-" + (size.equals("desktop") ? "d" : "p"));
            String slug = tenant.slug();
            StripeFake.nextSubscriptionCheckout("cs_sub_" + slug);
            UiSession.Page checkout = UiSession.signIn(port, tenant.email(), tenant.password())
                    .post("/ui/billing/checkout?plan=starter");
            assertThat(checkout.status()).as(checkout.body()).isEqualTo(302);
            String customer = StripeFake.customerOf(slug);
            assertThat(deliver(StripePaymentTest.event("evt_sc_" + slug, "customer.subscription.created",
                    subscription(slug, customer, "trialing")))).endsWith("APPLIED");
            assertThat(status(slug)).isEqualTo("TRIALING");

            // when the administrator opens the closure page from the billing page
            chromium = size.equals("desktop") ? Chromium.desktop() : Chromium.phone("zh-CN");
            WebDriver browser = chromium.driver();
            signIn(tenant);
            browser.get(base() + "/ui/billing");
            chromium.waitFor(By.id("closure-link"));
            chromium.click(By.id("closure-link"));
            chromium.waitFor(By.id("close-tenant"));

            // then it says what happens: export first, personal data erased, the record kept until a date, the plan ends
            String steps = chromium.text("closure-steps");
            String retainUntil = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusYears(10)
                    .format(DateTimeFormatter.ISO_LOCAL_DATE);
            if (size.equals("desktop")) {
                assertThat(steps).contains("Export first", "Personal data is erased", "The financial record is kept",
                        "cancelled at Stripe");
            } else {
                assertThat(steps).contains("请先导出数据", "个人数据立即删除", "财务记录予以保留", "订阅会立即取消");
            }
            assertThat(chromium.text("closure-retention")).containsAnyOf(retainUntil, retainUntil.replace('-', '/'),
                    LocalDate.parse(retainUntil).getYear() + "");
            assertThat(browser.findElement(By.id("closure-export-link")).getAttribute("href"))
                    .endsWith("/ui/billing#export");
            chromium.screenshot("closure-" + size);

            // when it types another id, then the refusal names the confirmation in place and nothing is closed
            browser.findElement(By.id("confirmTenantId")).sendKeys("tenant-a");
            browser.findElement(By.id("reason")).sendKeys(size.equals("desktop") ? "we sold the estate" : "物业已出售");
            chromium.click(By.id("close-tenant"));
            chromium.waitFor(By.id("closure-error"));
            assertThat(browser.findElement(By.id("closure-error")).getAttribute("data-rule"))
                    .isEqualTo("closure-not-confirmed");
            assertThat(browser.findElement(By.id("closure-error")).getAttribute("data-field"))
                    .isEqualTo("confirmTenantId");
            assertThat(status(slug)).isEqualTo("TRIALING");
            chromium.screenshot("closure-refused-" + size);

            // when it types its own id
            browser.findElement(By.id("confirmTenantId")).clear();
            browser.findElement(By.id("confirmTenantId")).sendKeys(slug);
            chromium.click(By.id("close-tenant"));

            // then the organisation is closed, its administrator erased and signed out, its subscription cancelled
            chromium.waitFor(By.id("closed-title"));
            assertThat(chromium.text("closed-body")).contains(slug);
            chromium.screenshot("closure-closed-" + size);
            assertThat(status(slug)).isEqualTo("CLOSED");
            assertThat(count("select count(*) from staff_person where lower(email) = lower(?)", tenant.email()))
                    .isZero();
            await().atMost(PATIENCE).untilAsserted(() -> StripeFake.server().verify(1,
                    deleteRequestedFor(urlEqualTo("/v1/subscriptions/sub_" + slug))));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(OwnerJdbc.client()
                    .sql("select stripe_status from tenant_subscription where tenant_id = ?").param(slug)
                    .query(String.class).single()).isEqualTo("canceled"));
            browser.get(base() + "/ui/billing");
            assertThat(browser.getCurrentUrl()).as("signed out: the UI asks for a sign-in").contains("/login");

            // and Stripe's deletion event that follows leaves the closed tenant closed
            deliver(StripePaymentTest.event("evt_sd_" + slug, "customer.subscription.deleted",
                    subscription(slug, customer, "canceled")));
            assertThat(status(slug)).isEqualTo("CLOSED");
            chromium.close();
            chromium = null;
        }
    }

    private void signIn(SignedUpTenants.SignedUp tenant) {
        chromium.signIn(base() + "/ui", tenant.email(), tenant.password());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String status(String tenant) {
        return OwnerJdbc.client().sql("select status from tenant where tenant_id = ?").param(tenant)
                .query(String.class).single();
    }

    private static long count(String sql, Object... params) {
        return OwnerJdbc.client().sql(sql).params(params).query(Long.class).single();
    }

    private static String subscription(String tenant, String customer, String status) {
        return """
                {"id":"sub_%s","object":"subscription","customer":"%s","status":"%s","trial_end":%d,"livemode":false,
                 "items":{"object":"list","has_more":false,"url":"/v1/subscription_items","data":[
                   {"id":"si_%s","object":"subscription_item","price":{"id":"price_meterledger_starter","object":"price",
                    "currency":"eur","billing_scheme":"tiered","recurring":{"interval":"month","usage_type":"metered"}}}]}}"""
                .formatted(tenant, customer, status, Instant.now().plus(Duration.ofDays(30)).getEpochSecond(), tenant);
    }

    private String deliver(String payload) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripePaymentTest.header(payload, Instant.now().getEpochSecond(), SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body() + " " + StripePaymentTest.outcomeOf(JSON.readTree(payload).get("id").asText());
    }
}
