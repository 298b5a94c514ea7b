package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web UI end to end in Debian's headless Chromium, driven through Debian's chromedriver (no browser or driver
 * download): a landlord signs in at the issuer's login page, watches a property's dashboard change as a reading
 * arrives (no reload), opens an account and issues a payment link; an auditor replays a balance and
 * finds the account's events in the audit trail; finance runs the day's Stripe reconciliation. The occupant's side,
 * paying from a phone, is in {@code StripeSandboxTest}. Once in English (no language asked for: the default) and once
 * in a browser that asks for zh-CN: the same flow then reads Chinese, money as {@code €500.00}; that pass also looks at
 * the pages on a 390 px phone, where nothing may spill sideways.
 */
class WebUiBrowserTest extends IntegrationTest {
    private static final Duration PATIENCE = Chromium.PATIENCE;

    private Chromium chromium;
    private WebDriver browser;
    private String id;
    private String base;

    /** What a pass reads: its browser's language, the money as that language writes it, the words it checks. */
    record Language(String tag, String suffix, Function<String, String> euros, String agrees, List<String> words) {
        @Override
        public String toString() {
            return tag == null ? "English (the default)" : tag;
        }
    }

    static Stream<Language> languages() {
        return Stream.of(new Language(null, "", amount -> amount + " EUR", "agrees with the replay",
                        List.of("Top consumers this month", "Properties", "Sign out")),
                new Language("zh-CN", "-zh-CN", amount -> "€" + amount, "与重放结果一致",
                        List.of("本月用量最多", "物业", "退出登录", "今日扣费")));
    }

    @BeforeEach
    void aFundedAccount() {
        id = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "10", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":50000,"currency":"EUR","reference":"%s-cash"}""".formatted(id)).status()).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> landlord.get("/api/accounts/a-" + id).status() == 200
                && landlord.get("/api/accounts/a-" + id).number("balanceMinor") == 50_000);
        base = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void aLandlordWatchesTheDashboardAndIssuesALinkAnAuditorReplaysABalanceAndFinanceReconciles(Language language) {
        chromium = language.tag() == null ? Chromium.desktop() : Chromium.desktop(language.tag());
        browser = chromium.driver();
        signIn(TestPeople.ADMIN_A);
        chromium.click(By.id("property-p-" + id));
        waitFor(By.id("charges-today-EUR"));
        assertThat(text("charges-today-EUR")).isEqualTo(language.euros().apply("0.00"));
        assertThat(text("credits-today-EUR")).isEqualTo(language.euros().apply("500.00"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(language.words());
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo(language.tag() == null ? "en" : language.tag());
        chromium.screenshot("property-dashboard-desktop" + language.suffix());
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        // 10 units at 10 cents: 1.00 EUR
        assertThat(as(TENANT_A).post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"1010"}""".formatted(Instant.now().minusSeconds(5))).status())
                .isEqualTo(201);

        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBe(By.id("charges-today-EUR"),
                language.euros().apply("1.00")));
        assertThat(new BigDecimal(text("consumption-today-ELECTRICITY"))).isEqualByComparingTo("10");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;"))
                .as("the figures changed without a reload").isEqualTo(true);

        chromium.click(By.linkText("a-" + id));
        waitFor(By.id("account-balance"));
        // the account projection runs beside the dashboard's: it may be a moment behind
        new WebDriverWait(browser, PATIENCE).until(page -> {
            if (text("account-balance").equals(language.euros().apply("499.00"))) {
                return true;
            }
            page.navigate().refresh();
            return false;
        });
        chromium.screenshot("account-page-desktop" + language.suffix());
        // htmx posts with the session's CSRF token and swaps the issued link in, shown once
        browser.findElement(By.id("issue-link")).click();
        waitFor(By.id("payment-link-url"));
        assertThat(browser.findElement(By.id("payment-link-url")).getDomProperty("value"))
                .startsWith("http://occupants.test/pay/a-" + id + "?token=");

        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
        browser.get(base + "/ui/audit");
        logIn(TestPeople.AUDITOR_A);
        waitFor(By.id("balance-at"));
        browser.findElement(By.name("accountId")).sendKeys("a-" + id);
        browser.findElement(By.cssSelector("#balance-at button")).click();
        waitFor(By.id("replayed-balance"));
        // opened with 0, credited 500.00, charged 10 x 0.10: by hand 499.00
        assertThat(text("replayed-balance")).isEqualTo(language.euros().apply("499.00"));
        assertThat(text("projected-balance")).isEqualTo(language.euros().apply("499.00"));
        assertThat(text("agreement")).isEqualTo(language.agrees());

        browser.get(base + "/ui/audit");
        browser.findElement(By.cssSelector("#search-events input[name=aggregateId]")).sendKeys("a-" + id);
        browser.findElement(By.cssSelector("#search-events button")).click();
        // opened, credited, charged: the search index follows the event store within moments
        new WebDriverWait(browser, PATIENCE).until(page -> {
            if (Integer.parseInt(text("total").split(" ")[0]) >= 3) {
                return true;
            }
            page.navigate().refresh();
            return false;
        });

        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
        StripeFake.onboard(as(TENANT_A), TENANT_A);
        browser.get(base + "/ui/finance/reconciliation");
        logIn(TestPeople.FINANCE_A);
        waitFor(By.id("run-reconciliation"));
        browser.findElement(By.id("run-reconciliation")).click();
        waitFor(By.id("count-MATCHED"));
        assertThat(browser.findElements(By.id("never-run"))).isEmpty();
        if (language.tag() != null) {
            onAPhone(language);
        }
    }

    /**
     * The same pages on a 390 px phone: the top bar, the tabs and the figures wrap and wide tables scroll in their own
     * box, so the page itself is never wider than the screen.
     */
    private void onAPhone(Language language) {
        chromium.close();
        chromium = Chromium.phone(language.tag());
        browser = chromium.driver();
        signIn(TestPeople.ADMIN_A);
        chromium.click(By.id("property-p-" + id));
        waitFor(By.id("charges-today-EUR"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(language.words());
        assertNothingSpillsSideways();
        chromium.screenshot("property-dashboard-phone" + language.suffix());
        browser.get(base + "/ui/accounts/a-" + id);
        waitFor(By.id("account-balance"));
        assertNothingSpillsSideways();
        chromium.screenshot("account-page-phone" + language.suffix());

        // the switcher: the person's choice beats the browser's language, and is kept for the next page
        chromium.click(By.id("switch-language"));
        new WebDriverWait(browser, PATIENCE).until(page -> text("switch-language").equals("中文"));
        browser.get(base + "/ui/properties/p-" + id);
        waitFor(By.id("charges-today-EUR"));
        assertThat(text("charges-today-EUR")).endsWith(" EUR");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Top consumers this month");
    }

    private void assertNothingSpillsSideways() {
        Object widths = ((JavascriptExecutor) browser).executeScript("""
                const top = document.querySelector('header.top');
                return [document.documentElement.scrollWidth, window.innerWidth,
                        top.scrollWidth, top.clientWidth];""");
        List<?> measured = (List<?>) widths;
        assertThat(((Number) measured.get(0)).longValue()).as("page width at most the screen's " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
        assertThat(((Number) measured.get(2)).longValue()).as("top bar's content within the bar " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(3)).longValue());
    }

    /** Signs the administrator in; the top bar names them as they signed up. */
    private void signIn(String username) {
        browser.get(base + "/ui");
        logIn(username);
        waitFor(By.id("signed-in-as"));
        assertThat(text("signed-in-as")).isEqualTo(TestPeople.ADMINISTRATOR_NAME);
    }

    /** At the issuer's login page. */
    private void logIn(String username) {
        waitFor(By.name("username"));
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(TestPeople.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void waitFor(By element) {
        chromium.waitFor(element);
    }

    private String text(String elementId) {
        return chromium.text(elementId);
    }
}
