package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.StripeFake;
import com.meterledger.app.support.Premises;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web UI end to end in Debian's headless Chromium, driven through Debian's chromedriver (no browser or driver
 * download): a landlord signs in at the issuer's login page, watches a property's dashboard change as a reading
 * arrives (no reload), opens an account and issues a payment link; an auditor replays a balance and
 * finds the account's events in the audit trail; finance runs the day's Stripe reconciliation. The occupant's side,
 * paying from a phone, is in {@code StripeSandboxTest}.
 */
class WebUiBrowserTest extends IntegrationTest {
    private static final Duration PATIENCE = Chromium.PATIENCE;

    private Chromium chromium;
    private WebDriver browser;
    private String id;
    private String base;

    @BeforeEach
    void aFundedAccountAndABrowser() {
        id = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "10", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        assertThat(landlord.post("/api/accounts/a-%s/top-ups".formatted(id), """
                {"amountMinor":50000,"currency":"EUR","reference":"%s-cash"}""".formatted(id)).status()).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> landlord.get("/api/accounts/a-" + id).status() == 200
                && landlord.get("/api/accounts/a-" + id).number("balanceMinor") == 50_000);
        base = "http://127.0.0.1:" + port;
        chromium = Chromium.desktop();
        browser = chromium.driver();
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aLandlordWatchesTheDashboardAndIssuesALinkAnAuditorReplaysABalanceAndFinanceReconciles() {
        signIn("admin@tenant-a");
        chromium.click(By.id("property-p-" + id));
        waitFor(By.id("charges-today-EUR"));
        assertThat(text("charges-today-EUR")).isEqualTo("0.00 EUR");
        assertThat(text("credits-today-EUR")).isEqualTo("500.00 EUR");
        chromium.screenshot("property-dashboard-desktop");
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        // 10 units at 10 cents: 1.00 EUR
        assertThat(as(TENANT_A).post("/api/meters/m-%s/readings".formatted(id), """
                {"readAt":"%s","registerValue":"1010"}""".formatted(Instant.now().minusSeconds(5))).status())
                .isEqualTo(201);

        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBe(By.id("charges-today-EUR"),
                "1.00 EUR"));
        assertThat(new BigDecimal(text("consumption-today-ELECTRICITY"))).isEqualByComparingTo("10");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;"))
                .as("the figures changed without a reload").isEqualTo(true);

        chromium.click(By.linkText("a-" + id));
        waitFor(By.id("account-balance"));
        // the account projection runs beside the dashboard's: it may be a moment behind
        new WebDriverWait(browser, PATIENCE).until(page -> {
            if (text("account-balance").equals("499.00 EUR")) {
                return true;
            }
            page.navigate().refresh();
            return false;
        });
        chromium.screenshot("account-page-desktop");
        // htmx posts with the session's CSRF token and swaps the issued link in, shown once
        browser.findElement(By.id("issue-link")).click();
        waitFor(By.id("payment-link-url"));
        assertThat(browser.findElement(By.id("payment-link-url")).getDomProperty("value"))
                .startsWith("http://occupants.test/pay/a-" + id + "?token=");

        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
        browser.get(base + "/ui/audit");
        logIn("auditor@tenant-a");
        waitFor(By.id("balance-at"));
        browser.findElement(By.name("accountId")).sendKeys("a-" + id);
        browser.findElement(By.cssSelector("#balance-at button")).click();
        waitFor(By.id("replayed-balance"));
        // opened with 0, credited 500.00, charged 10 x 0.10: by hand 499.00
        assertThat(text("replayed-balance")).isEqualTo("499.00 EUR");
        assertThat(text("projected-balance")).isEqualTo("499.00 EUR");
        assertThat(text("agreement")).isEqualTo("agrees with the replay");

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
        logIn("finance@tenant-a");
        waitFor(By.id("run-reconciliation"));
        browser.findElement(By.id("run-reconciliation")).click();
        waitFor(By.id("count-MATCHED"));
        assertThat(browser.findElements(By.id("never-run"))).isEmpty();
    }

    private void signIn(String username) {
        browser.get(base + "/ui");
        logIn(username);
        waitFor(By.id("signed-in-as"));
        assertThat(text("signed-in-as")).isEqualTo(username);
    }

    /** At the issuer's login page. */
    private void logIn(String username) {
        waitFor(By.name("username"));
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys("test-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void waitFor(By element) {
        chromium.waitFor(element);
    }

    private String text(String elementId) {
        return chromium.text(elementId);
    }
}
