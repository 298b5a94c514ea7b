package com.meterledger.app.ui;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.Premises;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The occupant chooses their own low-balance alerts on the portal in headless Chromium at a phone's size (390x844),
 * once in English and once in Chinese, sees a refusal in place, saves, and stops them from the alert's link; every
 * page checked by axe-core (no serious or critical violation).
 */
class OccupantAlertsBrowserTest extends IntegrationTest {
    private Chromium chromium;
    private String account;
    private String link;
    private String id;

    @BeforeEach
    void anAccountWithALink() {
        id = "oa-" + UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        Api landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "0");
        String token = linkOf(landlord, account);
        link = "http://127.0.0.1:%d/pay/%s?token=%s".formatted(port, account, token);
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void givenAPhoneReadingEnglish_whenTheOccupantTurnsOnEmailAlerts_thenTheyAreSaved_andTheAlertsLinkStopsThem() {
        chromium = Chromium.phone();
        chromium.open(link);
        chromium.waitFor(By.id("alerts"));
        assertThat(chromium.text("alerts-state")).isEqualTo("Alerts are off: tick e-mail or SMS to turn them on.");

        // SMS ticked without a number: refused in place, naming the field, nothing kept
        chromium.click(By.id("by-sms"));
        chromium.click(By.id("save-alerts"));
        chromium.waitFor(By.id("alerts-error"));
        assertThat(chromium.text("alerts-error")).isEqualTo("Enter the mobile number the alerts should go to (phone).");
        assertThat(choice()).isEqualTo("none");
        show("alerts");
        chromium.screenshot("occupant-alerts-refused-phone");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the refusal").isEmpty();

        type("alert-phone", "+31 6 1234 5678");
        chromium.click(By.id("by-email"));
        type("alert-email", "ada-" + id + "@example.org");
        chromium.click(By.id("save-alerts"));
        chromium.waitFor(By.id("alerts-saved"));
        assertThat(chromium.text("alerts-state")).isEqualTo("Alerts are on.");
        assertThat(chromium.driver().findElement(By.tagName("body")).getText())
                .contains("now a•••@example.org", "now +31•••5678").doesNotContain("ada-" + id);
        assertThat(choice()).isEqualTo("EMAIL,SMS");
        show("alerts");
        chromium.screenshot("occupant-alerts-saved-phone");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the saved choice").isEmpty();

        chromium.open("http://127.0.0.1:%d/pay/alerts/stop/%s/%s".formatted(port, TENANT_A, token()));
        chromium.waitFor(By.id("stop-alerts"));
        chromium.screenshot("occupant-alerts-stop-phone");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the stop page").isEmpty();
        chromium.click(By.id("stop-alerts"));
        chromium.waitFor(By.id("stopped"));
        assertThat(choice()).isEqualTo("");
    }

    @Test
    void givenAPhoneReadingChinese_whenTheOccupantTurnsOnSmsAlerts_thenThePageSpeaksChinese() {
        chromium = Chromium.phone("zh-CN");
        chromium.open(link);
        chromium.waitFor(By.id("alerts"));
        assertThat(chromium.text("alerts")).isEqualTo("余额不足提醒");

        chromium.click(By.id("by-sms"));
        type("alert-phone", "13812345678");
        chromium.click(By.id("save-alerts"));
        chromium.waitFor(By.id("alerts-error"));
        assertThat(chromium.text("alerts-error")).isEqualTo("请填写带国家代码的手机号码，例如 +8613812345678（phone）。");
        show("alerts");
        chromium.screenshot("occupant-alerts-refused-phone-zh-CN");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the Chinese refusal").isEmpty();

        type("alert-phone", "+86 138 1234 5678");
        chromium.click(By.id("save-alerts"));
        chromium.waitFor(By.id("alerts-saved"));
        assertThat(chromium.text("alerts-state")).isEqualTo("提醒已开启。");
        assertThat(choice()).isEqualTo("SMS");
        show("alerts");
        chromium.screenshot("occupant-alerts-saved-phone-zh-CN");
        assertThat(chromium.seriousAccessibilityViolations()).as("axe-core on the Chinese choice").isEmpty();

        chromium.open("http://127.0.0.1:%d/pay/alerts/stop/%s/%s".formatted(port, TENANT_A, token()));
        chromium.waitFor(By.id("stop-alerts"));
        assertThat(chromium.text("stop-title")).isEqualTo("停止余额不足提醒");
        chromium.click(By.id("stop-alerts"));
        chromium.waitFor(By.id("stopped"));
        chromium.screenshot("occupant-alerts-stopped-phone-zh-CN");
        assertThat(choice()).isEqualTo("");
    }

    private void type(String field, String text) {
        WebElement input = chromium.driver().findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    private void show(String elementId) {
        ((JavascriptExecutor) chromium.driver()).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView({block: 'start'});", elementId);
    }

    private String choice() {
        return OwnerJdbc.client().sql("select coalesce(max(alert_channels), 'none') from occupant_contact"
                + " where account_id = ?").param(account).query(String.class).single();
    }

    private String token() {
        return OwnerJdbc.client().sql("select alert_token from occupant_contact where account_id = ?").param(account)
                .query(String.class).single();
    }

    /** A link for the account, once the account's projection knows it (a link for an unknown account is refused). */
    private static String linkOf(Api landlord, String accountId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> landlord.post("/api/accounts/%s/payment-links".formatted(accountId), null),
                link -> link.status() == 201).text("token");
    }
}
