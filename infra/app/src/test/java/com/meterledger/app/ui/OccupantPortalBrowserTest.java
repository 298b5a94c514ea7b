package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The occupant portal in headless Chromium at a phone's size, in English and in Chinese, and the staff pages at a
 * desktop's, each checked by axe-core (serious and critical violations fail the test). The portal's first load at
 * phone size is measured and logged, never asserted.
 */
class OccupantPortalBrowserTest extends IntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(OccupantPortalBrowserTest.class);

    private Chromium chromium;
    private String id;
    private String account;
    private String link;
    private Api landlord;

    @BeforeEach
    void anAccountWithUseAndALink() {
        id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS),
                "0");
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":5000,"currency":"EUR","reference":"seed-%s"}""".formatted(id)).status()).isEqualTo(201);
        for (int day = 2; day >= 0; day--) {
            assertThat(landlord.post("/api/meters/m-%s/readings".formatted(id), """
                    {"readAt":"%s","registerValue":"%d"}""".formatted(Instant.now().minus(Duration.ofDays(day))
                    .minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS), (3 - day) * 4)).status())
                    .isEqualTo(201);
        }
        await().atMost(Chromium.PATIENCE).until(() -> landlord.get("/api/accounts/" + account)
                .number("balanceMinor") == 3_800);
        String token = landlord.post("/api/accounts/%s/payment-links".formatted(account), null).text("token");
        link = "http://127.0.0.1:%d/pay/%s?token=%s".formatted(port, account, token);
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /**
     * channels: the portal's first load as the phone's own Navigation Timing (level 2) tells it, from the start of the
     * navigation: the first byte of the answer, the DOM ready, the load event ended. Logged, never asserted: the
     * figures depend on the machine's load.
     */
    private void logNavigationTiming(String language) {
        JavascriptExecutor page = (JavascriptExecutor) chromium.driver();
        await().atMost(Chromium.PATIENCE).until(() -> ((Number) page.executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;"))
                .doubleValue() > 0);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> timing = (java.util.Map<String, Object>) page.executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                return {responseStart: n.responseStart, domContentLoaded: n.domContentLoadedEventEnd,
                        load: n.loadEventEnd, transferSize: n.transferSize};""");
        log.info("occupant portal first load at 390x844 ({}), Navigation Timing: responseStart {} ms, "
                        + "domContentLoaded {} ms, load {} ms, {} bytes transferred", language,
                Math.round(((Number) timing.get("responseStart")).doubleValue()),
                Math.round(((Number) timing.get("domContentLoaded")).doubleValue()),
                Math.round(((Number) timing.get("load")).doubleValue()), timing.get("transferSize"));
    }

    @Test
    void givenAPhoneReadingEnglish_whenTheOccupantOpensTheLink_thenThePortalIsComplete_liveAndAccessible() {
        chromium = Chromium.phone();
        WebDriver browser = chromium.driver();
        long started = System.nanoTime();
        chromium.open(link);
        chromium.waitFor(By.id("balance"));
        log.info("occupant portal first load at 390x844 (English): {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        logNavigationTiming("English");

        assertThat(chromium.text("balance")).isEqualTo("38.00 EUR");
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Test Court " + id, "Flat 1 · Electricity", "Supply: on",
                "Use (kWh)", "Your tariff", "1 EUR/kWh",
                "Payments and refunds", "What happens at zero", "You can pay by: card");
        // 38.00 left; the account opened today, so its rate is its last day's: the reading half an hour ago, 4.00
        assertThat(chromium.text("days-left")).isEqualTo("About 9 days left at your recent use");
        assertThat(browser.findElements(By.cssSelector("svg.chart rect.bar"))).hasSize(30 + 12);
        chromium.screenshot("occupant-portal-phone");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the portal").isEmpty();

        // live: a top-up elsewhere shows without reloading the page
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":2000,"currency":"EUR","reference":"live-%s"}""".formatted(id)).status()).isEqualTo(201);
        await().atMost(Chromium.PATIENCE).until(() -> chromium.text("balance").equals("58.00 EUR"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage;")).isEqualTo(true);

        // the receipt of the seed top-up, and back
        chromium.click(By.cssSelector("a.receipt"));
        chromium.waitFor(By.id("paid-by"));
        chromium.screenshot("occupant-receipt-phone");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the receipt").isEmpty();
    }

    @Test
    void givenAPhoneReadingChinese_whenTheOccupantOpensTheLink_thenThePortalSpeaksChineseAndIsAccessible() {
        chromium = Chromium.phone("zh-CN");
        long started = System.nanoTime();
        chromium.open(link);
        chromium.waitFor(By.id("balance"));
        log.info("occupant portal first load at 390x844 (zh-CN): {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        logNavigationTiming("zh-CN");

        assertThat(chromium.text("balance")).isEqualTo("€38.00");
        assertThat(chromium.driver().findElement(By.tagName("body")).getText()).contains("Flat 1 · 电",
                "正常供应（合闸）", "用量（kWh）", "您的电价/水价", "充值与退款", "余额为零时会怎样");
        assertThat(chromium.text("days-left")).isEqualTo("按近期用量，约可用 9 天");
        chromium.screenshot("occupant-portal-phone-zh-CN");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the Chinese portal").isEmpty();
    }

    @Test
    void givenTheStaffPages_whenAxeCoreChecksThem_thenNoSeriousOrCriticalViolationRemains() {
        chromium = Chromium.desktop();
        WebDriver browser = chromium.driver();
        String base = "http://127.0.0.1:" + port;
        chromium.signIn(base + "/ui", TestPeople.ADMIN_A, TestPeople.PASSWORD);

        for (String page : List.of("/ui/properties/p-" + id, "/ui/accounts/" + account, "/ui/settings")) {
            browser.get(base + page);
            chromium.waitFor(By.tagName("main"));
            assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on " + page).isEmpty();
        }
        chromium.screenshot("staff-settings-desktop");
    }
}
