package com.meterledger.app.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.app.support.TestPeople;
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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Remember this phone" in headless Chromium at 390x844, in English and in Chinese: the occupant opens the link,
 * ticks the box, the link expires, the same address still opens the portal on this phone; staff revoke the phone (on
 * the account page at a desktop's size, or through the API) and the phone gets the "link invalid" page. Without the
 * link the Chinese phone's portal follows a top-up live and the JSON balance door answers it (its payment through the
 * sandbox's Checkout is {@code StripeSandboxTest}'s, which has the sandbox). axe-core checks every changed page
 * (serious and critical violations fail the test).
 */
class RememberedDeviceBrowserTest extends IntegrationTest {
    private Chromium phone;
    private Chromium desk;
    private Api landlord;
    private String id;
    private String account;
    private String linkId;
    private String link;

    @BeforeEach
    void anAccountWithALink() {
        id = "rdb-" + UUID.randomUUID().toString().substring(0, 8);
        account = "a-" + id;
        landlord = as(TENANT_A);
        Premises.moveIn(landlord, id, "100", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                "0");
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":5000,"currency":"EUR","reference":"seed-%s"}""".formatted(id)).status()).isEqualTo(201);
        await().atMost(Chromium.PATIENCE).until(() -> landlord.get("/api/accounts/" + account)
                .number("balanceMinor") == 5_000);
        Api.Response issued = landlord.post("/api/accounts/%s/payment-links".formatted(account), null);
        linkId = issued.text("linkId");
        link = "http://127.0.0.1:%d/pay/%s?token=%s".formatted(port, account, issued.text("token"));
    }

    @AfterEach
    void closeTheBrowsers() {
        if (phone != null) {
            phone.close();
        }
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void givenAnEnglishPhone_whenRemembered_thenItOutlivesTheLink_untilStaffRevokeItOnTheAccountPage() {
        phone = Chromium.phone();
        rememberThePhone("remembered-device-phone");
        assertThat(phone.text("device-saved")).isEqualTo("Saved: this phone is remembered.");
        assertThat(phone.text("device-state")).startsWith("This phone opens this page without the link until ");

        expireTheLink();
        phone.open(link);
        phone.waitFor(By.id("balance"));
        assertThat(phone.text("balance")).isEqualTo("50.00 EUR");
        assertThat(phone.driver().findElements(By.id("forget-device"))).hasSize(1);
        phone.screenshot("remembered-device-link-expired-phone");

        // staff: the account page lists the phone; revoking it there ends it
        desk = Chromium.desktop();
        signInAsAdministrator();
        desk.open("http://127.0.0.1:%d/ui/accounts/%s".formatted(port, account));
        desk.waitFor(By.id("remembered-devices"));
        // headless Chromium says it is Chrome on Linux, whatever the window's size
        assertThat(desk.text("devices-table")).contains("Linux computer · Chrome", "Opens the portal");
        assertThat(desk.seriousAccessibilityViolations()).as("axe-core on the account page").isEmpty();
        desk.screenshot("remembered-devices-account-desktop");
        desk.click(By.cssSelector("button.revoke-device"));
        desk.waitFor(By.id("devices-revoked"));
        assertThat(desk.text("devices-table")).contains("Revoked by staff");
        desk.screenshot("remembered-devices-revoked-desktop");

        phone.open(link);
        phone.waitFor(By.tagName("h1"));
        assertThat(phone.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Payment link invalid");
        assertThat(phone.driver().findElements(By.id("balance"))).isEmpty();
        assertThat(phone.seriousAccessibilityViolations()).as("axe-core on the refusal").isEmpty();
        phone.screenshot("remembered-device-revoked-phone");
    }

    @Test
    void givenAChinesePhone_whenRemembered_thenItOutlivesTheLink_untilStaffRevokeIt_andStaffSeeItInChinese()
            throws Exception {
        phone = Chromium.phone("zh-CN");
        rememberThePhone("remembered-device-phone-zh-CN");
        assertThat(phone.text("device-saved")).isEqualTo("已保存：此手机已被记住。");

        expireTheLink();
        phone.open("http://127.0.0.1:%d/pay/%s".formatted(port, account));
        phone.waitFor(By.id("balance"));
        assertThat(phone.text("balance")).isEqualTo("€50.00");
        assertThat(phone.text("device-state")).startsWith("在 ").endsWith("之前，此手机无需链接即可打开本页面。");
        // live without the link: a top-up reaches the open page through its event stream, and the JSON balance door
        // answers the phone's own cookie (HttpOnly: the page's script never sees it)
        await().atMost(Chromium.PATIENCE).until(() -> phone.driver().findElement(By.cssSelector("[data-events]"))
                .getAttribute("data-updated") != null);
        assertThat(landlord.post("/api/accounts/%s/top-ups".formatted(account), """
                {"amountMinor":100,"currency":"EUR","reference":"live-%s"}""".formatted(id)).status()).isEqualTo(201);
        await().atMost(Chromium.PATIENCE).until(() -> phone.text("balance").equals("€51.00"));
        Object balance = ((JavascriptExecutor) phone.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));""",
                "/pay/%s/balance".formatted(account));
        assertThat(new ObjectMapper().readTree(String.valueOf(balance)).get("balanceMinor").asLong())
                .isEqualTo(5_100);
        assertThat(phone.seriousAccessibilityViolations()).as("axe-core on the remembered Chinese portal").isEmpty();
        phone.screenshot("remembered-device-link-expired-phone-zh-CN");

        desk = Chromium.desktop("zh-CN");
        signInAsAdministrator();
        desk.open("http://127.0.0.1:%d/ui/accounts/%s".formatted(port, account));
        desk.waitFor(By.id("remembered-devices"));
        assertThat(desk.text("remembered-devices")).contains("已记住的手机", "Linux 电脑 · Chrome", "可打开缴费页面");
        assertThat(desk.seriousAccessibilityViolations()).as("axe-core on the Chinese account page").isEmpty();
        desk.screenshot("remembered-devices-account-desktop-zh-CN");
        assertThat(landlord.delete("/api/accounts/%s/remembered-devices".formatted(account)).status()).isEqualTo(200);

        phone.open(link);
        phone.waitFor(By.tagName("h1"));
        assertThat(phone.driver().findElement(By.tagName("h1")).getText()).isEqualTo("缴费链接无效");
        assertThat(phone.seriousAccessibilityViolations()).as("axe-core on the Chinese refusal").isEmpty();
        phone.screenshot("remembered-device-revoked-phone-zh-CN");
    }

    /** The occupant opens the link and ticks "remember this phone"; the page says so, and axe-core checks it. */
    private void rememberThePhone(String screenshot) {
        phone.open(link);
        phone.waitFor(By.id("remember-device"));
        assertThat(phone.seriousAccessibilityViolations()).as("axe-core on the portal's offer").isEmpty();
        phone.click(By.id("remember-device"));
        phone.click(By.id("save-device"));
        phone.waitFor(By.id("device-saved"));
        assertThat(phone.seriousAccessibilityViolations()).as("axe-core on the remembered portal").isEmpty();
        phone.screenshot(screenshot);
    }

    private void expireTheLink() {
        OwnerJdbc.client().sql("update payment_link set expires_at = now() - interval '1 second' where link_id = ?")
                .param(linkId).update();
    }

    private void signInAsAdministrator() {
        desk.signIn("http://127.0.0.1:%d/ui".formatted(port), TestPeople.ADMIN_A, TestPeople.PASSWORD);
    }
}
