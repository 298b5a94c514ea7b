package com.meterledger.app.adjustment;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.meterledger.app.support.Chromium.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four-eyes approval queue in the browser: an administrator asks for an adjustment above the approval limit on
 * the account's page, follows the link to the queue and tries to approve it herself (refused on the row, in English,
 * at desktop size); a finance person approves it on a 390 px phone in Chinese. Screenshots
 * {@code adjustments-*.png}.
 */
class AdjustmentQueueBrowserTest extends IntegrationTest {
    private Chromium chromium;
    private WebDriver browser;
    private String base;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void givenAnAdjustmentAboveTheLimitWhenItsRequesterApprovesItThenTheRowSaysWhyAndASecondPersonApprovesOnAPhone() {
        base = "http://127.0.0.1:" + port;
        String id = "ab" + UUID.randomUUID().toString().substring(0, 8);
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "10", Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                "1000");
        long before = await().atMost(PATIENCE).ignoreExceptions().until(() -> landlord.get("/api/accounts/a-" + id)
                .body().get("balanceMinor").asLong(), balance -> true);

        chromium = Chromium.desktop();
        browser = chromium.driver();
        signIn(TestPeople.ADMIN_A, "/ui?lang=en");
        browser.get(base + "/ui/accounts/a-" + id + "/manage");
        chromium.waitFor(By.id("adjustmentId"));
        browser.findElement(By.id("adjustmentId")).sendKeys("goodwill-" + id);
        browser.findElement(By.id("adjustmentAmountMinor")).sendKeys("25000");
        browser.findElement(By.id("adjustmentReason")).sendKeys("Goodwill after the outage");
        browser.findElement(By.id("adjustmentReason")).submit();
        chromium.waitFor(By.id("adjustment-queue-link"));
        assertThat(chromium.text("adjustment-status")).contains("Waiting for a second person");
        chromium.click(By.id("adjustment-queue-link"));
        By row = By.id("adjustment-a-" + id + "-goodwill-" + id);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            browser.get(base + "/ui/adjustments?property=p-" + id);
            assertThat(browser.findElement(row).getText()).contains("250.00", "a-" + id, "Goodwill after the outage",
                    "You asked for this one");
        });
        chromium.screenshot("adjustments-queue-desktop");
        browser.findElement(By.id("note-goodwill-" + id)).sendKeys("Fine by me");
        chromium.click(By.id("approve-goodwill-" + id));
        chromium.waitFor(By.id("decision-error"));
        assertThat(chromium.text("decision-error")).contains("needs a person other than its requester to decide",
                "second-person-required");
        assertThat(browser.findElement(row).getText()).contains("needs a person other than its requester");
        chromium.screenshot("adjustments-self-approval-refused-desktop");
        assertThat(landlord.get("/api/accounts/a-" + id).body().get("balanceMinor").asLong()).isEqualTo(before);
        chromium.close();

        chromium = Chromium.phone("zh-CN");
        browser = chromium.driver();
        signIn(TestPeople.FINANCE_A, "/ui");
        chromium.click(By.id("nav-adjustments"));
        chromium.waitFor(By.id("adjustment-states"));
        browser.get(base + "/ui/adjustments?property=p-" + id);
        chromium.waitFor(row);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("冲正审批");
        assertThat(browser.findElement(row).getText()).contains("待审批", "Goodwill after the outage")
                .doesNotContain("这是您提交的申请");
        assertNothingSpillsSideways();
        chromium.screenshot("adjustments-queue-phone-zh-CN");
        browser.findElement(By.id("note-goodwill-" + id)).sendKeys("已核对停电记录");
        chromium.click(By.id("approve-goodwill-" + id));
        chromium.waitFor(By.id("decision-done"));
        assertThat(chromium.text("decision-done")).isEqualTo("已批准：冲正已计入余额。");
        assertNothingSpillsSideways();
        chromium.screenshot("adjustments-approved-phone-zh-CN");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(landlord.get("/api/accounts/a-" + id).body()
                .get("balanceMinor").asLong()).isEqualTo(before + 25_000));
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            browser.get(base + "/ui/adjustments?state=APPROVED&property=p-" + id);
            assertThat(browser.findElement(row).getText()).contains("已批准", "已核对停电记录");
        });
        assertNothingSpillsSideways();
        chromium.screenshot("adjustments-decided-phone-zh-CN");
    }

    private void assertNothingSpillsSideways() {
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeScript("""
                const top = document.querySelector('header.top');
                return [document.documentElement.scrollWidth, window.innerWidth,
                        top.scrollWidth, top.clientWidth];""");
        assertThat(((Number) measured.get(0)).longValue()).as("page width at most the screen's " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(1)).longValue());
        assertThat(((Number) measured.get(2)).longValue()).as("top bar's content within the bar " + measured)
                .isLessThanOrEqualTo(((Number) measured.get(3)).longValue());
    }

    private void signIn(String username, String start) {
        chromium.signIn(base + start, username, TestPeople.PASSWORD);
    }
}
