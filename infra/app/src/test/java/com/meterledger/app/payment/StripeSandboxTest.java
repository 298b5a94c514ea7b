package com.meterledger.app.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.UiSession;
import com.meterledger.app.support.TestPeople;
import com.meterledger.api.shared.TenantId;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.gateway.payment.billing.SubscriptionBilling;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "done when", end to end against the local Stripe sandbox (infra/stripe-sandbox) instead of WireMock: the
 * application talks to it only through its API base, and it sends its events signed to {@code /webhooks/stripe} as
 * Stripe would. Its own application context (the sandbox on) on a port known before it starts, so that Checkout sends
 * the payer back to it; closed afterwards so no second set of workers stays.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class StripeSandboxTest extends IntegrationTest {
    private static final int SANDBOX_PORT = freePort();
    /** The application's own port, known before it starts, so that Checkout can send the payer back to it. */
    private static final int APP_PORT = freePort();
    private static final String SANDBOX = "http://127.0.0.1:" + SANDBOX_PORT;
    /** The platform key of application-test.yml; the sandbox takes any test key. */
    private static final String API_KEY = "sk_test_meterledger";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(StripeSandboxTest.class);
    /** The zone a Chinese tenant signs up in; its finance day (reconciliation) runs midnight to midnight there. */
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final EventStore events = new EventStore(OwnerJdbc.client());
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String account = "a-" + id;

    @DynamicPropertySource
    static void stripeSandbox(DynamicPropertyRegistry registry) {
        registry.add("meterledger.stripe.sandbox.enabled", () -> "true");
        registry.add("meterledger.stripe.sandbox.port", () -> SANDBOX_PORT);
        registry.add("meterledger.test.stripe-api-base", () -> SANDBOX);
        registry.add("server.port", () -> APP_PORT);
        // the sandbox's own settings are made before a test's properties exist: the page's CSP must name its Checkout
        registry.add("meterledger.pay.checkout-origin", () -> SANDBOX);
        registry.add("meterledger.stripe.success-url", () -> "http://127.0.0.1:" + APP_PORT + "/pay/success");
        registry.add("meterledger.stripe.cancel-url", () -> "http://127.0.0.1:" + APP_PORT + "/pay/cancel");
        // billing: the platform's own Checkout and Portal are the sandbox's too, and send the person back here
        registry.add("meterledger.billing.portal-origin", () -> SANDBOX);
        registry.add("meterledger.billing.return-url", () -> "http://127.0.0.1:" + APP_PORT + "/ui/billing");
    }

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SubscriptionBilling billing;
    @Autowired
    SupplyCalendars calendars;

    /**
     * The "done when" in a browser, against the sandbox: a property group signs up from /signup, reads the
     * verification mail from the mail sink, sets the password, subscribes through the sandbox's Checkout (a trial),
     * lands in its empty tenant, changes its friendly hours, and creates its property, unit, meter, tariff (dry run,
     * then published) and account in the browser only, all without a restart. Its meter's gateway sends readings over
     * the HTTP uplink: run dry inside friendly hours set around "now" in the tenant's zone, the cut is held and the
     * account page says why; with the hours moved away, the held cut follows. Then the sandbox's portal fails an
     * invoice: past due, and after the grace period suspended; meanwhile the occupant's readings are still charged,
     * a payment link issued before still pays on the sandbox's Checkout and restores supply, and running dry again
     * still cuts, while the suspended tenant's staff may not write. The demo tenant sees none of it. The clicks and
     * seconds of the path are logged (measured 24 clicks, 22 to 35 s from the home page to the first account in two
     * runs on a loaded 2-core machine, 6 s of it waiting for the published tariff to be in force).
     */
    @Test
    void aPropertyGroupSignsUpSubscribesThroughTheSandboxChangesItsHoursAndAFailedInvoiceEndsInSuspension()
            throws Exception {
        String slug = "billing-s-" + id;
        String email = slug + "@example.com";
        String base = "http://127.0.0.1:" + APP_PORT;
        int clicks = 0;
        long started = System.nanoTime();
        try (Chromium chromium = Chromium.desktop("en")) {
            WebDriver browser = chromium.driver();
            // given a property group on the public home page
            browser.get(base + "/?lang=en");
            chromium.click(By.id("sign-up"));
            clicks++;
            chromium.waitFor(By.id("organisationName"));
            browser.findElement(By.id("organisationName")).sendKeys("Harbour Homes");
            browser.findElement(By.id("slug")).sendKeys(slug);
            browser.findElement(By.id("administratorName")).sendKeys("Wang Li");
            browser.findElement(By.id("administratorEmail")).sendKeys(email);
            chromium.click(By.id("submit"));
            clicks++;
            chromium.waitFor(By.id("sent"));
            // the link in the mail, as a person follows it
            browser.get(base + "/signup/verify?lang=en&token="
                    + SignedUpTenants.token(SignedUpTenants.mailTo(mailbox, email)));
            clicks++;
            chromium.waitFor(By.id("password"));
            browser.findElement(By.id("password")).sendKeys(SignedUpTenants.PASSWORD);
            chromium.click(By.id("submit"));
            clicks++;
            chromium.waitFor(By.id("done"));
            chromium.click(By.id("sign-in"));
            clicks++;
            chromium.waitFor(By.name("username"));
            browser.findElement(By.name("username")).sendKeys(email);
            browser.findElement(By.name("password")).sendKeys(SignedUpTenants.PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            clicks++;
            chromium.waitFor(By.id("signed-in-as"));

            // when its administrator subscribes to the starter plan through the sandbox's Checkout
            chromium.click(By.id("nav-billing"));
            clicks++;
            chromium.waitFor(By.id("subscribe-starter"));
            assertThat(chromium.text("tenant-status")).isEqualTo("Verified, no plan yet");
            chromium.screenshot("billing-plans-desktop");
            chromium.click(By.id("subscribe-starter"));
            clicks++;
            new WebDriverWait(browser, Chromium.PATIENCE).withMessage(chromium::console)
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("subscribe")));
            assertThat(browser.getCurrentUrl()).startsWith(SANDBOX + "/c/pay/");
            assertThat(browser.getPageSource()).contains("30 days free");
            chromium.screenshot("billing-sandbox-checkout-desktop");
            chromium.click(By.id("subscribe"));
            clicks++;

            // then it lands back on its billing page, in its trial, once Stripe's signed events went through the inbox
            chromium.waitFor(By.id("checkout-done"));
            awaitText(chromium, "tenant-status", "Trial");
            // the plan comes with the subscription's own event, which the inbox may handle a moment after the trial's
            awaitText(chromium, "billing-plan", "starter");
            assertThat(chromium.text("trial-end")).isNotEqualTo("—");
            chromium.screenshot("billing-trial-desktop");

            // and it changes its friendly hours in its settings, in force without a restart
            chromium.click(By.id("nav-settings"));
            clicks++;
            chromium.waitFor(By.id("nightStart"));
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "document.getElementById('nightStart').value = '22:00';"
                            + "document.getElementById('nightEnd').value = '06:00';");
            chromium.click(By.id("save-settings"));
            clicks++;
            chromium.waitFor(By.id("settings-saved"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calendars.of(slug).nightStart())
                    .isEqualTo(LocalTime.of(22, 0)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("Sign-up to a subscribed tenant with its own friendly hours: {} clicks, {} s in the browser "
                    + "(typing not counted as clicks)", clicks, took.toSeconds());

            // and it sets up its first property, unit, meter, tariff and account, in the browser only
            clicks += setsUpItsFirstAccount(chromium, base);
            log.info("Sign-up to the first account (property, unit, meter, published tariff, account): {} clicks, {} s "
                    + "in the browser (typing not counted as clicks)", clicks,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            Api landlord = new Api("http://localhost:" + port, PersonTokens.signIn(port, email,
                    SignedUpTenants.PASSWORD).orElseThrow());
            String secret = addsAGatewayAndCreditsOneYuan(chromium, base);
            String gateway = slug + "/gw-" + id;

            // when the account runs dry inside friendly hours set around "now" in the tenant's zone
            ZoneId zone = ZoneId.of(settings(chromium).getAttribute("value"));
            LocalTime now = LocalTime.now(zone).truncatedTo(ChronoUnit.MINUTES);
            saveHours(chromium, slug, now.minusHours(1), now.plusHours(1));
            readingFromTheGateway(gateway, secret, "2");           // 1.00 credited, 2 kWh at 1.00: -1.00
            // then the cut is held, and the account page says why, until when and which setting holds it
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !events.ofType("m-" + id, "SupplyDecisionRecorded").isEmpty());
            assertThat(events.ofType("m-" + id, "SupplyDecisionRecorded").getFirst().payload().get("rule").asText())
                    .isEqualTo("friendly-window");
            assertThat(supplyCommands()).isEmpty();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> {
                        browser.get(base + "/ui/accounts/" + account + "?lang=en");
                        assertThat(chromium.text("cut-held")).contains("Cut held by friendly hours until");
                    });
            assertThat(browser.findElement(By.cssSelector("#cut-held a[href='/ui/settings']")).isDisplayed()).isTrue();
            chromium.screenshot("sandbox-tenant-cut-held-desktop");

            // when its administrator moves the friendly hours away from "now" (and off the weekend)
            saveHours(chromium, slug, now.plusHours(2), now.plusHours(3));
            // then the held cut follows the new hours, without a restart: the reconciler issues it
            acknowledgeFromTheGateway(landlord, gateway, secret, "CUT", "OFF");
            browser.get(base + "/ui/accounts/" + account + "?lang=en");
            chromium.waitFor(By.id("manage-account"));
            assertThat(browser.findElements(By.id("cut-held"))).isEmpty();
            chromium.screenshot("sandbox-tenant-cut-desktop");

            // an occupant's payment link, issued while the tenant is in good standing
            connectStripe(landlord);
            String link = landlord.post("/api/accounts/%s/payment-links".formatted(account), null).text("url");
            String payLink = "http://127.0.0.1:" + port + URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery();

            // when the sandbox's portal fails the next invoice (a declined card)
            chromium.click(By.id("nav-billing"));
            chromium.waitFor(By.id("manage-billing"));
            chromium.click(By.id("manage-billing"));
            new WebDriverWait(browser, Chromium.PATIENCE).withMessage(chromium::console)
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("fail")));
            chromium.screenshot("billing-sandbox-portal-desktop");
            chromium.click(By.id("fail"));

            // then the tenant is past due, and suspended once the platform's grace period has passed
            chromium.waitFor(By.id("tenant-status"));
            awaitText(chromium, "tenant-status", "Past due (grace period)");
            // and while past due, its occupant's reading is still charged (1 kWh more: -2.00)
            readingFromTheGateway(gateway, secret, "3");
            awaitAccount(landlord, "balanceMinor", "-200");
            Instant graceUntil = billing.state(new TenantId(slug)).graceUntil();
            assertThat(graceUntil).isAfter(Instant.now().plus(Duration.ofDays(6)));
            assertThat(billing.suspendOverdue(graceUntil.plusSeconds(1))).contains(new TenantId(slug));
            awaitText(chromium, "tenant-status", "Suspended: staff may only read");
            assertThat(chromium.text("suspended-note")).contains("settled");
            chromium.screenshot("billing-suspended-desktop");

            // and while suspended, its occupant still pays through the link, which restores the supply
            assertThat(landlord.post("/api/accounts/%s/payment-links".formatted(account), null).status())
                    .as("the suspended tenant's staff may not change anything").isEqualTo(403);
            long paid = paysOnAPhone(payLink);
            long balance = paid - 200;
            awaitAccount(landlord, "balanceMinor", Long.toString(balance));
            acknowledgeFromTheGateway(landlord, gateway, secret, "RESTORE", "ON");
            // its meter's readings are still charged, and running dry again still cuts, outside the friendly hours
            long kWh = balance / 100 + 1;
            readingFromTheGateway(gateway, secret, Long.toString(3 + kWh));
            awaitAccount(landlord, "balanceMinor", Long.toString(balance - kWh * 100));
            acknowledgeFromTheGateway(landlord, gateway, secret, "CUT", "OFF");
            assertThat(supplyCommands().getLast()).isEqualTo("CUT");
            browser.get(base + "/ui/accounts/" + account + "?lang=en");
            chromium.waitFor(By.id("manage-account"));
            chromium.screenshot("sandbox-tenant-suspended-account-desktop");
        }
        try (Chromium phone = Chromium.phone("zh-CN")) {
            WebDriver browser = phone.driver();
            browser.get(base + "/ui/billing?lang=zh-CN");
            phone.waitFor(By.name("username"));
            browser.findElement(By.name("username")).sendKeys(email);
            browser.findElement(By.name("password")).sendKeys(SignedUpTenants.PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            phone.waitFor(By.id("tenant-status"));
            assertThat(phone.text("tenant-status")).isEqualTo("已暂停：员工只能查看");
            assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth")).intValue())
                    .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
            phone.screenshot("billing-suspended-phone");
            // the new tenant's own pages fit a phone too
            for (String page : List.of("/ui/properties/p-" + id + "/setup", "/ui/tariffs/t-" + id,
                    "/ui/accounts/" + account, "/ui/gateways/manage")) {
                browser.get(base + page);
                phone.waitFor(By.tagName("main"));
                assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth")).intValue())
                        .as("no sideways scrolling on a 390 px wide phone at " + page).isLessThanOrEqualTo(390);
            }
            browser.get(base + "/ui/accounts/" + account);
            phone.waitFor(By.tagName("main"));
            phone.screenshot("sandbox-tenant-account-phone");
            browser.get(base + "/ui/properties/p-" + id + "/setup");
            phone.waitFor(By.id("account-form"));
            phone.screenshot("sandbox-tenant-setup-phone");
        }
        // the demo tenant sees none of the new tenant's data
        assertThat(as(TENANT_A).get("/api/accounts/" + account).status()).isEqualTo(404);
        UiSession demo = UiSession.signIn(port, TestPeople.ADMIN_A, TestPeople.PASSWORD);
        assertThat(demo.get("/ui").body()).doesNotContain("p-" + id, "Harbour Homes");
        assertThat(demo.get("/ui/accounts").body()).doesNotContain(account);
        assertThat(demo.get("/ui/accounts/" + account).status()).isEqualTo(404);
        // the platform's operator sees the tenant on its console, with its plan, last invoice and why it is held
        try (Chromium operator = Chromium.desktop("en")) {
            WebDriver browser = operator.driver();
            browser.get(base + "/ui/platform/tenants?lang=en");
            operator.waitFor(By.name("username"));
            browser.findElement(By.name("username")).sendKeys(TestPeople.OPERATOR);
            browser.findElement(By.name("password")).sendKeys(TestPeople.PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            operator.waitFor(By.id("tenant-" + slug));
            String row = operator.text("tenant-" + slug);
            assertThat(row).contains("Harbour Homes", "Suspended: staff may only read", "starter", "payment failed",
                    "grace period ended");
            assertThat(browser.findElement(By.id("held-for-invoice-" + slug)).getText())
                    .startsWith("Suspended for an unpaid invoice since");
            operator.screenshot("platform-tenants-desktop");
            // the operator holds it too, for a reason of its own; lifting that hold leaves billing's suspension,
            // which only a paid invoice lifts
            browser.findElement(By.cssSelector("#tenant-" + slug + " input[name=reason]"))
                    .sendKeys("support: checking a bank transfer");
            operator.click(By.id("suspend-" + slug));
            operator.waitFor(By.id("held-by-operator-" + slug));
            assertThat(operator.text("held-by-operator-" + slug)).contains("support: checking a bank transfer");
            browser.findElement(By.cssSelector("#tenant-" + slug + " input[name=reason]"))
                    .sendKeys("no transfer found");
            WebElement held = browser.findElement(By.id("held-by-operator-" + slug));
            operator.click(By.id("resume-" + slug));
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(held));
            operator.waitFor(By.id("suspend-" + slug));
            assertThat(browser.findElements(By.id("held-by-operator-" + slug))).isEmpty();
            assertThat(operator.text("tenant-" + slug)).contains("Suspended: staff may only read",
                    "Suspended for an unpaid invoice since");
            operator.screenshot("platform-tenants-resumed-desktop");
        }
    }

    /**
     * The new tenant's first property, unit and meter on the property's setup page, a flat tariff (1.00 a kWh)
     * published after its dry run, and the account opened at move-in, all by clicks and typing.
     *
     * @return the clicks it took (typing not counted)
     */
    private int setsUpItsFirstAccount(Chromium chromium, String base) {
        WebDriver browser = chromium.driver();
        int clicks = 0;
        chromium.click(By.cssSelector("a.brand"));
        clicks++;
        chromium.waitFor(By.id("add-property"));
        chromium.click(By.id("add-property"));
        clicks++;
        chromium.waitFor(By.id("propertyId"));
        browser.findElement(By.id("propertyId")).sendKeys("p-" + id);
        browser.findElement(By.id("name")).sendKeys("Harbour View");
        browser.findElement(By.id("address")).sendKeys("1 Quay Road");
        chromium.click(By.id("add-property"));
        clicks++;
        chromium.waitFor(By.id("unit-form"));
        chromium.screenshot("sandbox-tenant-setup-empty-desktop");
        browser.findElement(By.id("unitId")).sendKeys("u-" + id);
        browser.findElement(By.id("unitName")).sendKeys("Flat 1");
        chromium.click(By.id("add-unit"));
        clicks++;
        chromium.waitFor(By.id("unit-done"));
        browser.findElement(By.id("meterId")).sendKeys("m-" + id);
        new Select(browser.findElement(By.id("utility"))).selectByValue("ELECTRICITY");
        browser.findElement(By.id("serialNumber")).sendKeys("SN-" + id);
        chromium.click(By.id("add-meter"));
        clicks++;
        chromium.waitFor(By.id("meter-done"));

        chromium.click(By.id("nav-landlord"));
        clicks++;
        chromium.waitFor(By.id("tariff-form"));
        browser.findElement(By.id("tariffId")).sendKeys("t-" + id);
        browser.findElement(By.id("name")).sendKeys("Home electricity");
        chromium.click(By.id("create-tariff"));
        clicks++;
        chromium.waitFor(By.id("no-versions"));
        new Select(browser.findElement(By.id("kind"))).selectByValue("FLAT");
        browser.findElement(By.id("price")).sendKeys("100");
        browser.findElement(By.id("standingChargePerDay")).sendKeys("0");
        chromium.click(By.id("dry-run"));
        clicks++;
        chromium.waitFor(By.id("dry-run-result"));
        Instant published = Instant.now();
        chromium.click(By.id("publish"));
        clicks++;
        chromium.waitFor(By.id("publish-done"));
        chromium.screenshot("sandbox-tenant-tariff-desktop");
        // a version published for "now" takes effect 5 s later (never back-dated): the account opens once in force
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(published.plusSeconds(6)));

        // back to the property, as a person does: the dashboard's list, then its setup tab
        chromium.click(By.cssSelector("a.brand"));
        clicks++;
        chromium.waitFor(By.id("property-p-" + id));
        chromium.click(By.id("property-p-" + id));
        clicks++;
        chromium.waitFor(By.id("tab-setup"));
        chromium.click(By.id("tab-setup"));
        clicks++;
        chromium.waitFor(By.id("account-form"));
        browser.findElement(By.id("accountId")).sendKeys(account);
        browser.findElement(By.id("accountMeterId")).sendKeys("m-" + id);
        browser.findElement(By.id("tariffId")).sendKeys("t-" + id);
        browser.findElement(By.id("openingRegister")).sendKeys("0");
        chromium.click(By.id("open-account"));
        clicks++;
        chromium.waitFor(By.id("account-done"));
        chromium.screenshot("sandbox-tenant-account-opened-desktop");
        return clicks;
    }

    /**
     * A gateway for the meter (its secret read once from the page) and 1.00 in cash as the account's small opening
     * balance, recorded on the account's page.
     *
     * @return the gateway's secret
     */
    private String addsAGatewayAndCreditsOneYuan(Chromium chromium, String base) {
        WebDriver browser = chromium.driver();
        chromium.click(By.id("nav-gateways"));
        chromium.waitFor(By.id("gateway-form"));
        browser.findElement(By.id("gatewayId")).sendKeys("gw-" + id);
        browser.findElement(By.id("propertyId")).sendKeys("p-" + id);
        browser.findElement(By.id("name")).sendKeys("Basement concentrator");
        chromium.click(By.id("add-gateway"));
        chromium.waitFor(By.id("gateway-secret"));
        String secret = chromium.text("gateway-secret");
        browser.findElement(By.id("attach-meter-gw-" + id)).sendKeys("m-" + id);
        chromium.click(By.id("attach-gw-" + id));
        chromium.waitFor(By.id("attach-gw-" + id + "-done"));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> {
                    browser.get(base + "/ui/accounts/" + account + "?lang=en");
                    assertThat(browser.findElements(By.id("record-offline-payment"))).isNotEmpty();
                });
        browser.findElement(By.name("receiptNumber")).sendKeys("R-" + id);
        browser.findElement(By.name("amount")).sendKeys("1.00");
        chromium.click(By.id("record-offline-payment"));
        chromium.waitFor(By.id("offline-recorded"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.ofType(account, "AccountCredited").size() == 1);
        return secret;
    }

    /** The settings page, opened from the navigation; answers its time zone field. */
    private static WebElement settings(Chromium chromium) {
        chromium.click(By.id("nav-settings"));
        chromium.waitFor(By.id("nightStart"));
        return chromium.driver().findElement(By.id("zone"));
    }

    /** Saves the friendly hours (every weekend off) and waits until the tenant's calendar has them. */
    private void saveHours(Chromium chromium, String slug, LocalTime start, LocalTime end) {
        settings(chromium);
        ((org.openqa.selenium.JavascriptExecutor) chromium.driver()).executeScript(
                "document.getElementById('nightStart').value = arguments[0];"
                        + "document.getElementById('nightEnd').value = arguments[1];"
                        + "document.getElementById('weekends').checked = false;", start.toString(), end.toString());
        chromium.click(By.id("save-settings"));
        chromium.waitFor(By.id("settings-saved"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(calendars.of(slug).nightStart()).isEqualTo(start);
            assertThat(calendars.of(slug).nightEnd()).isEqualTo(end);
        });
    }

    /** A reading of the test's meter as its gateway sends it: the HTTP uplink, HTTP Basic as the gateway. */
    private void readingFromTheGateway(String gateway, String secret, String register) throws Exception {
        HttpResponse<String> answer = send(asGateway("/gateway/v1/readings", gateway, secret).POST(
                HttpRequest.BodyPublishers.ofString("""
                        {"v":1,"batchId":"b-%s-%s","sentAt":"%s","readings":[{"meter":"m-%s","readAt":"%s",
                         "kind":"INTERVAL","registers":{"total":"%s"}}]}""".formatted(id, register, Instant.now(), id,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS), register))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("accepted").asInt()).as(answer.body()).isEqualTo(1);
    }

    /**
     * The gateway polls its pending commands and acknowledges every {@code action} as executed, until the account
     * shows {@code supplyState}: the test profile gives a meter two seconds to answer, and on a loaded machine an
     * acknowledgement can come after a command timed out and was sent again (seen in CI), as a real gateway's would.
     */
    private void acknowledgeFromTheGateway(Api landlord, String gateway, String secret, String action,
                                           String supplyState) {
        try {
            acknowledgeUntil(landlord, gateway, secret, action, supplyState);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the meter's and the account's histories say which step of the convergence did not happen
            throw new AssertionError("account %s never showed %s; meter events %s; account events %s".formatted(account,
                    supplyState, events.of("m-" + id).stream().map(event -> event.type() + event.payload()).toList(),
                    events.typesOf(account)), e);
        }
    }

    private void acknowledgeUntil(Api landlord, String gateway, String secret, String action, String supplyState) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    HttpResponse<String> pending = send(asGateway("/gateway/v1/commands", gateway, secret).GET());
                    assertThat(pending.statusCode()).isEqualTo(200);
                    for (JsonNode command : JSON.readTree(pending.body()).get("commands")) {
                        if (!action.equals(command.get("action").asText())) {
                            continue;
                        }
                        HttpResponse<String> acked = send(asGateway("/gateway/v1/acks", gateway, secret).POST(
                                HttpRequest.BodyPublishers.ofString("""
                                        {"v":1,"sentAt":"%s","acks":[{"commandId":"%s","meter":"%s","executed":true}]}"""
                                        .formatted(Instant.now(), command.get("commandId").asText(),
                                                command.get("meter").asText()))));
                        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
                    }
                    assertThat(landlord.get("/api/accounts/" + account).text("supplyState")).isEqualTo(supplyState);
                });
    }

    private HttpRequest.Builder asGateway(String path, String gateway, String secret) {
        return HttpRequest.newBuilder(URI.create(app(path))).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (gateway + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The occupant opens the payment link on a phone, taps the largest amount and pays on the sandbox's Checkout;
     * answers the amount once the account is credited with it.
     */
    private long paysOnAPhone(String link) {
        try (Chromium phone = Chromium.phone("en")) {
            phone.open(link);
            phone.waitFor(By.id("balance"));
            phone.screenshot("sandbox-tenant-pay-page-suspended-phone");
            WebElement preset = phone.driver().findElements(By.cssSelector("button[name=presetMinor]")).getLast();
            long amount = Long.parseLong(preset.getAttribute("value"));
            preset.click();
            new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                    .until(ExpectedConditions.urlContains(SANDBOX + "/c/pay/cs_test_sbx_"));
            String hosted = phone.driver().getCurrentUrl();
            phone.driver().findElements(By.cssSelector("button[id^=pay-]")).stream().findFirst()
                    .orElseGet(() -> phone.driver().findElement(By.xpath("//button[text()='Pay']"))).click();
            new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                    .until(ExpectedConditions.urlContains("/pay/success"));
            String session = hosted.substring(hosted.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.ofType(account, "AccountCredited").stream()
                    .anyMatch(credit -> session.equals(credit.payload().get("reference").asText())));
            return amount;
        }
    }

    /** The page is server-rendered: it is reloaded until the webhook's effect shows, as a person would. */
    private static void awaitText(Chromium chromium, String elementId, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> {
                    if (!expected.equals(chromium.text(elementId))) {
                        chromium.driver().navigate().refresh();
                    }
                    assertThat(chromium.text(elementId)).isEqualTo(expected);
                });
    }

    @Test
    void anOccupantPaysThroughTheSandboxTheAccountIsCreditedOnceRestoredRefundedAndEverythingReconciles()
            throws Exception {
        Api landlord = connectedLandlordWithAFundedAccount();

        // a depleted account: 5.00 credited, 10.00 used, the meter cut and the cut confirmed
        assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"10"}""".formatted(Instant.now().minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS))).status()).isEqualTo(201);
        // confirmed at once: the test profile gives a meter two seconds to answer
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !supplyCommands().isEmpty());
        acknowledgeLatestCommand(landlord);
        awaitAccount(landlord, "supplyState", "OFF");

        // the landlord issues a link; the occupant's page shows the balance
        String token = landlord.post("/api/accounts/%s/payment-links".formatted(account), null).text("token");
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(app("/pay/%s?token=%s".formatted(account,
                token)))).header("Accept", "text/html").build());
        assertThat(page.statusCode()).isEqualTo(200);
        // the portal names the place, not its ids, and says the supply is off and nothing is left
        assertThat(page.body()).contains("Test Court " + id, "Flat 1 · Electricity", "-5.00 EUR", ">off</strong>",
                "Nothing left: top up");

        // the occupant picks 20.00, goes to the sandbox's Checkout and pays
        HttpResponse<String> checkout = send(post(app("/pay/%s/checkout".formatted(account)),
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&presetMinor=2000&currency=EUR")
                .header("Accept", "text/html").build());
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(303);
        String hosted = checkout.headers().firstValue("Location").orElseThrow();
        assertThat(hosted).startsWith(SANDBOX + "/c/pay/cs_test_sbx_");
        assertThat(send(HttpRequest.newBuilder(URI.create(hosted)).build()).body()).contains("20.00 EUR", ">Pay<");
        HttpResponse<String> paid = send(post(hosted + "/pay", ""));
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/pay/success"));

        // the signed webhook credits the account once, and the cut meter gets its restore command
        String session = hosted.substring(hosted.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.ofType(account, "AccountCredited").stream()
                .filter(credit -> session.equals(credit.payload().get("reference").asText())).toList().isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> supplyCommands().contains("RESTORE"));
        assertThat(supplyCommands()).startsWith("CUT").endsWith("RESTORE");

        // the landlord refunds at Stripe: charge.refunded reverses the credit
        String connected = landlord.get("/api/payments/connect").text("connectedAccountId");
        JsonNode stripeSession = JSON.readTree(send(HttpRequest.newBuilder(URI.create(
                        SANDBOX + "/v1/checkout/sessions/" + session)).header("Authorization", "Bearer " + API_KEY)
                .header("Stripe-Account", connected).build()).body());
        HttpResponse<String> refund = send(post(SANDBOX + "/v1/refunds",
                "payment_intent=" + stripeSession.get("payment_intent").asText())
                .header("Authorization", "Bearer " + API_KEY).header("Stripe-Account", connected).build());
        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.ofType(account, "BalanceRefunded").isEmpty());
        assertThat(events.ofType(account, "BalanceRefunded")).singleElement().satisfies(reversal ->
                assertThat(reversal.payload().get("amount").get("minorUnits").asLong()).isEqualTo(2000));
        assertThat(events.ofType(account, "AccountCredited")).hasSize(2);   // the seed and the payment, once
        awaitAccount(landlord, "balanceMinor", "-500");

        // the landlord's payout; reconciliation then reads the sandbox's balance transactions and payouts: the charge
        // (application fee 30 + 1.5 %), the refund and the payout all match
        assertThat(send(post(SANDBOX + "/v1/payouts", "amount=100&currency=eur")
                .header("Authorization", "Bearer " + API_KEY).header("Stripe-Account", connected)).statusCode())
                .isEqualTo(200);
        Api.Response run = landlord.post("/api/payments/reconciliation/runs", """
                {"date":"%s"}""".formatted(LocalDate.now(ZoneOffset.UTC)));
        assertThat(run.status()).as(run.body().toString()).isEqualTo(201);
        List<JsonNode> lines = StreamSupport.stream(run.body().get("lines").spliterator(), false).toList();
        // this account's charge and refund, and the payout; other tests' payments of the day match too
        assertThat(lines).filteredOn(l -> account.equals(l.path("accountId").asText()))
                .extracting(l -> l.get("kind").asText()).containsExactlyInAnyOrder("CHARGE", "REFUND");
        assertThat(lines).extracting(l -> l.get("kind").asText()).containsOnlyOnce("PAYOUT");
        assertThat(lines).allSatisfy(l -> assertThat(l.get("outcome").asText()).as(l.toString()).isEqualTo("MATCHED"));
    }

    /**
     * A remembered phone without its link (issue 17 item 2), in Chinese at 390x844: the occupant remembers the phone
     * through the link, the link expires, and the portal opened without it shows the balance, follows a top-up live,
     * answers the JSON balance door through the phone's own cookie, and taps 20.00 through the sandbox's Checkout and
     * back; the account is credited exactly once, and the landlord's account page (English, desktop) shows the
     * payment and the phone. (The sandbox needs this class's own context, so the remembered-phone browser test's
     * payment is here.)
     */
    @Test
    void aRememberedPhoneWithoutItsLinkSeesTheLiveBalanceAndPaysOnCheckoutOnce() throws Exception {
        Api landlord = connectedLandlordWithAFundedAccount();
        awaitAccount(landlord, "balanceMinor", "500");
        Api.Response issued = landlord.post("/api/accounts/%s/payment-links".formatted(account), null);
        URI link = URI.create(issued.text("url"));
        String portal = "http://127.0.0.1:" + port + link.getRawPath();

        try (Chromium phone = Chromium.phone("zh-CN")) {
            phone.open(portal + "?" + link.getRawQuery());
            phone.waitFor(By.id("remember-device"));
            phone.click(By.id("remember-device"));
            phone.click(By.id("save-device"));
            phone.waitFor(By.id("device-saved"));
            OwnerJdbc.client().sql("update payment_link set expires_at = now() - interval '1 second' "
                    + "where link_id = ?").param(issued.text("linkId")).update();

            phone.open(portal);
            phone.waitFor(By.id("balance"));
            assertThat(phone.text("balance")).isEqualTo("€5.00");
            assertThat(phone.driver().getCurrentUrl()).doesNotContain("token");
            // live: the landlord's top-up reaches the open page through its event stream, without a reload
            await().atMost(Chromium.PATIENCE).until(() -> phone.driver().findElement(By.cssSelector("[data-events]"))
                    .getAttribute("data-updated") != null);
            assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                    {"amountMinor":100,"currency":"EUR","reference":"desk-%s"}""".formatted(id)).status())
                    .isEqualTo(201);
            await().atMost(Chromium.PATIENCE).until(() -> phone.text("balance").equals("€6.00"));
            // the JSON door answers the phone's own cookie (HttpOnly: the page's script never sees it)
            Object json = ((JavascriptExecutor) phone.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));""",
                    link.getRawPath() + "/balance");
            assertThat(JSON.readTree(String.valueOf(json)).get("balanceMinor").asLong()).isEqualTo(600);
            assertThat(phone.seriousAccessibilityViolations()).as("axe-core on the remembered portal").isEmpty();
            phone.screenshot("remembered-phone-portal-without-link-phone-zh-CN");

            phone.driver().findElement(By.cssSelector("button[name=presetMinor][value='2000']")).click();
            new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                    .until(ExpectedConditions.urlContains(SANDBOX + "/c/pay/cs_test_sbx_"));
            String hosted = phone.driver().getCurrentUrl();
            phone.screenshot("remembered-phone-sandbox-checkout-phone-zh-CN");
            phone.driver().findElements(By.cssSelector("button[id^=pay-]")).stream().findFirst()
                    .orElseGet(() -> phone.driver().findElement(By.xpath("//button[text()='Pay']"))).click();
            new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                    .until(ExpectedConditions.urlToBe("http://127.0.0.1:" + port + "/pay/success"));

            String session = hosted.substring(hosted.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.ofType(account, "AccountCredited").stream()
                    .anyMatch(credit -> session.equals(credit.payload().get("reference").asText())));
            phone.open(portal);
            awaitText(phone, "balance", "€26.00");
            phone.screenshot("remembered-phone-credited-phone-zh-CN");
        }
        assertThat(events.ofType(account, "AccountCredited")).extracting(credit ->
                credit.payload().get("amount").get("minorUnits").asLong()).containsExactly(500L, 100L, 2000L);

        try (Chromium desk = Chromium.desktop("en")) {
            desk.signIn("http://127.0.0.1:%d/ui".formatted(port), TestPeople.ADMIN_S, TestPeople.PASSWORD);
            desk.open("http://127.0.0.1:%d/ui/accounts/%s".formatted(port, account));
            desk.waitFor(By.id("remembered-devices"));
            assertThat(desk.text("devices-table")).contains("Opens the portal");
            assertThat(desk.seriousAccessibilityViolations()).as("axe-core on the account page").isEmpty();
            desk.screenshot("remembered-phone-paid-account-desktop");
        }
    }

    /**
     * The Pay button as an occupant taps it: Chromium at a phone's size opens the link, taps 20.00, pays on the
     * sandbox's hosted Checkout, comes back to our success page and, opening the link again, sees the credit, once.
     * (Chromium posted this form with {@code Origin: null} under {@code Referrer-Policy: no-referrer}, and CORS
     * answered 403; a client without an Origin header never saw it.)
     */
    @Test
    void anOccupantTapsAnAmountOnAPhonePaysOnCheckoutAndSeesTheCreditOnce() throws Exception {
        Api landlord = connectedLandlordWithAFundedAccount();
        awaitAccount(landlord, "balanceMinor", "500");
        String link = landlord.post("/api/accounts/%s/payment-links".formatted(account), null).text("url");
        String onThisServer = "http://127.0.0.1:" + port + URI.create(link).getRawPath() + "?"
                + URI.create(link).getRawQuery();

        try (Chromium phone = Chromium.phone()) {
            phone.open(onThisServer);
            phone.waitFor(By.id("balance"));
            assertThat(phone.text("balance")).isEqualTo("5.00 EUR");
            phone.screenshot("occupant-pay-page-phone");
            phone.driver().findElement(By.cssSelector("button[name=presetMinor][value='2000']")).click();

            new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                    .until(ExpectedConditions.urlContains(SANDBOX + "/c/pay/cs_test_sbx_"));
            String hosted = phone.driver().getCurrentUrl();
            assertThat(phone.driver().getPageSource()).contains("20.00 EUR");
            phone.screenshot("sandbox-checkout-phone");
            phone.driver().findElement(By.xpath("//button[text()='Pay']")).click();

            new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                    .until(ExpectedConditions.urlToBe("http://127.0.0.1:" + port + "/pay/success"));
            assertThat(phone.driver().getPageSource()).contains("Payment received");

            String session = hosted.substring(hosted.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.ofType(account, "AccountCredited").stream()
                    .anyMatch(credit -> session.equals(credit.payload().get("reference").asText())));
            phone.open(onThisServer);
            await().atMost(Chromium.PATIENCE).until(() -> {
                phone.driver().navigate().refresh();
                return phone.text("balance").equals("25.00 EUR");
            });
            phone.screenshot("occupant-pay-page-credited-phone");
        }
        assertThat(events.ofType(account, "AccountCredited")).extracting(credit ->
                credit.payload().get("amount").get("minorUnits").asLong()).containsExactly(500L, 2000L);
    }

    /**
     * The "done when" for a Chinese landlord: a tenant signed up in CNY, zh-CN and Asia/Shanghai, with a
     * tiered (阶梯电价) tariff and WeChat Pay and Alipay chosen. Its occupant opens the portal on a phone, reads 中文,
     * yuan and the tiers, and pays three times on the sandbox's Checkout: WeChat Pay, Alipay, then card; each payment
     * credits the account exactly once. The first load is logged, never asserted.
     */
    @Test
    void aChineseTenantsOccupantPaysByWeChatPayAlipayAndCardOnAPhoneAndEachIsCreditedOnce() throws Exception {
        SignedUpTenants.SignedUp signedUp = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api landlord = new Api("http://localhost:" + port, PersonTokens.signIn(port, signedUp.email(),
                signedUp.password()).orElseThrow());
        connectStripe(landlord);
        UiSession.Page chosen = UiSession.signIn(port, signedUp.email(), signedUp.password())
                .post("/ui/settings/payment-methods?wechatPay=true&alipay=true");
        assertThat(chosen.body()).contains("id=\"methods-saved\"");
        String tariff = "t-" + id;
        assertThat(landlord.post("/api/tariffs", """
                {"tariffId":"%s","name":"居民阶梯电价","utility":"ELECTRICITY","currency":"CNY",
                 "zone":"Asia/Shanghai"}""".formatted(tariff)).status()).isEqualTo(201);
        Instant effective = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        assertThat(landlord.post("/api/tariffs/%s/versions".formatted(tariff), """
                {"effectiveFrom":"%s","schedule":{"kind":"TIERED","period":"MONTH","tiers":[
                 {"upTo":"260","price":"56.8"},{"upTo":"600","price":"61.8"},{"price":"86.8"}]},
                 "standingChargePerDay":"0"}""".formatted(effective)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(effective.plusSeconds(1)));
        Premises.unitWithMeter(landlord, id);
        Api.Response opened = landlord.post("/api/accounts", """
                {"accountId":"%s","unitId":"u-%s","meterId":"m-%s","currency":"CNY","tariffId":"%s",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(account, id, id, tariff,
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":1000,"currency":"CNY","reference":"seed-%s"}""".formatted(id)).status())
                .isEqualTo(201);
        awaitAccount(landlord, "balanceMinor", "1000");
        String link = landlord.post("/api/accounts/%s/payment-links".formatted(account), null).text("url");
        String onThisServer = "http://127.0.0.1:" + port + URI.create(link).getRawPath() + "?"
                + URI.create(link).getRawQuery();

        java.util.SortedSet<LocalDate> paymentDays = new java.util.TreeSet<>();
        try (Chromium phone = Chromium.phone("zh-CN")) {
            long started = System.nanoTime();
            phone.open(onThisServer);
            phone.waitFor(By.id("balance"));
            log.info("Chinese tenant's occupant portal first load at 390x844 (zh-CN, CNY, tiered tariff): {} ms",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(phone.text("balance")).isEqualTo("¥10.00");
            String page = phone.driver().findElement(By.tagName("body")).getText();
            assertThat(page).contains("Flat 1 · 电", "您的电价/水价", "微信支付", "支付宝");
            assertThat(phone.driver().findElements(By.cssSelector("section[aria-labelledby=tariff] tbody tr")))
                    .hasSize(3);
            phone.screenshot("occupant-portal-cny-phone-zh-CN");
            WebElement tariffSection = phone.driver().findElement(By.cssSelector("section[aria-labelledby=tariff]"));
            ((org.openqa.selenium.JavascriptExecutor) phone.driver())
                    .executeScript("arguments[0].scrollIntoView();", tariffSection);
            // 阶梯电价: 0.568, 0.618 and 0.868 yuan per kWh, the first tier in force (nothing used yet this month)
            assertThat(tariffSection.getText()).contains("阶梯价格", "档位", "当前档", "0.568", "0.618", "0.868");
            phone.screenshot("occupant-portal-cny-tiers-phone-zh-CN");

            long credited = 1_000;
            int credits = 1;
            paymentDays.add(LocalDate.now(SHANGHAI));
            for (String method : List.of("wechat_pay", "alipay", "card")) {
                phone.open(onThisServer);
                phone.waitFor(By.id("balance"));
                WebElement preset = phone.driver().findElements(By.cssSelector("button[name=presetMinor]"))
                        .getFirst();
                long amount = Long.parseLong(preset.getAttribute("value"));
                preset.click();
                new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("pay-" + method)));
                String hosted = phone.driver().getCurrentUrl();
                assertThat(hosted).startsWith(SANDBOX + "/c/pay/cs_test_sbx_");
                assertThat(phone.driver().findElements(By.cssSelector("button[id^=pay-]"))).extracting(b ->
                        b.getAttribute("id")).containsExactly("pay-card", "pay-wechat_pay", "pay-alipay");
                phone.screenshot("sandbox-checkout-" + method + "-phone");
                phone.click(By.id("pay-" + method));
                new WebDriverWait(phone.driver(), Chromium.PATIENCE).withMessage(phone::console)
                        .until(ExpectedConditions.urlContains("http://127.0.0.1:" + port + "/pay/success"));

                String session = hosted.substring(hosted.lastIndexOf('/') + 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> events.ofType(account, "AccountCredited")
                        .stream().anyMatch(credit -> session.equals(credit.payload().get("reference").asText())));
                credited += amount;
                credits++;
                String expected = "¥%d.%02d".formatted(credited / 100, credited % 100);
                phone.open(onThisServer);
                await().atMost(Chromium.PATIENCE).until(() -> {
                    phone.driver().navigate().refresh();
                    return phone.text("balance").equals(expected);
                });
                assertThat(events.ofType(account, "AccountCredited")).hasSize(credits);
                awaitAccount(landlord, "balanceMinor", Long.toString(credited));
            }
            paymentDays.add(LocalDate.now(SHANGHAI));
            phone.screenshot("occupant-portal-cny-paid-thrice-phone-zh-CN");

            // each receipt names how it was paid, as Stripe reported it
            List<String> receipts = phone.driver().findElements(By.cssSelector("a.receipt")).stream()
                    .map(a -> a.getAttribute("href")).toList();
            List<String> paidBy = new java.util.ArrayList<>();
            for (String receipt : receipts) {
                phone.open(receipt);
                phone.waitFor(By.id("paid-by"));
                paidBy.add(phone.text("paid-by"));
                if (paidBy.getLast().contains("微信支付")) {
                    phone.screenshot("occupant-receipt-wechat-pay-phone-zh-CN");
                }
            }
            assertThat(paidBy).containsExactlyInAnyOrder("房东代为充值", "在线支付 · 微信支付", "在线支付 · 支付宝",
                    "在线支付 · 银行卡");
        }
        // once each: the seed and the three payments, nothing twice however the webhooks were delivered
        assertThat(events.ofType(account, "AccountCredited")).hasSize(4);
        // the payments' own events carry the method, and the finance reconciliation names it per charge; it counts
        // the tenant's day (Shanghai), so a run that crosses its midnight reconciles both days
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (LocalDate day : paymentDays) {
            Api.Response run = landlord.post("/api/payments/reconciliation/runs", """
                    {"date":"%s"}""".formatted(day));
            assertThat(run.status()).as(run.body().toString()).isEqualTo(201);
            StreamSupport.stream(run.body().get("lines").spliterator(), false)
                    .filter(l -> account.equals(l.path("accountId").asText())).forEach(lines::add);
        }
        assertThat(lines)
                .extracting(l -> l.get("kind").asText() + " " + l.get("outcome").asText() + " "
                        + l.path("paymentMethod").asText())
                .containsExactlyInAnyOrder("CHARGE MATCHED WECHAT_PAY", "CHARGE MATCHED ALIPAY", "CHARGE MATCHED CARD");
        lines.forEach(l -> assertThat(events.ofType(l.get("paymentId").asText(), "PaymentSucceeded"))
                        .singleElement().satisfies(paid -> assertThat(paid.payload().get("method").asText())
                                .isEqualTo(l.get("paymentMethod").asText())));
    }

    /** The sandbox tenant's landlord, connected to Stripe, with the test's account moved in and 5.00 credited. */
    private Api connectedLandlordWithAFundedAccount() throws Exception {
        Api landlord = as(TENANT_ON_STRIPE_SANDBOX);
        connectStripe(landlord);
        Premises.moveIn(landlord, id, "100", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "0");
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":500,"currency":"EUR","reference":"seed-%s"}""".formatted(id)).status()).isEqualTo(201);
        return landlord;
    }

    /** The landlord connects Stripe: the sandbox's onboarding page, then Stripe's way back. */
    private void connectStripe(Api landlord) throws Exception {
        assertThat(landlord.put("/api/payments/settings", """
                {"basisPoints":150,"fixedMinor":30}""").status()).isEqualTo(200);
        Api.Response onboarding = landlord.post("/api/payments/connect", null);
        assertThat(onboarding.status()).as(onboarding.body().toString()).isEqualTo(200);
        assertThat(onboarding.text("url")).startsWith(SANDBOX + "/setup/");
        assertThat(send(post(onboarding.text("url"), "")).statusCode()).isEqualTo(303);
        assertThat(landlord.get("/api/payments/connect/return").body().get("chargesEnabled").asBoolean()).isTrue();
    }

    private String app(String path) {
        return "http://localhost:" + port + path;
    }

    private static HttpRequest.Builder post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void acknowledgeLatestCommand(Api landlord) {
        String commandId = events.ofType("m-" + id, "SupplyCommandIssued").getLast().payload().get("commandId")
                .get("value").asText();
        assertThat(landlord.post("/api/meters/m-%s/supply-commands/%s/acknowledgement".formatted(id, commandId), """
                {"executed":true}""").status()).isEqualTo(204);
    }

    /** The actions of the commands issued to the test's meter, in order. */
    private List<String> supplyCommands() {
        return events.ofType("m-" + id, "SupplyCommandIssued").stream()
                .map(command -> command.payload().get("action").asText()).toList();
    }

    private void awaitAccount(Api landlord, String field, String expected) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(landlord.get("/api/accounts/" + account).text(field)).isEqualTo(expected));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
