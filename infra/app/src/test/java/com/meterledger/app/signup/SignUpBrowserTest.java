package com.meterledger.app.signup;

import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.core.supply.FriendlyWindow;
import com.meterledger.core.supply.SupplyCalendars;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A property group signs up as a person would, in Debian's headless Chromium: from the public home page to the
 * sign-up form, the verification mail's link, the password, the issuer's login and its own, empty tenant.
 */
class SignUpBrowserTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SupplyCalendars calendars;

    private Chromium chromium;

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPropertyGroupSignsUpInChineseVerifiesItsEmailSignsInLandsInItsEmptyTenantAndChangesItsFriendlyHours() {
        chromium = Chromium.desktop();
        long started = System.nanoTime();
        String slug = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        String email = slug + "@example.cn";
        String base = "http://127.0.0.1:" + port;
        WebDriver browser = chromium.driver();

        browser.get(base + "/?lang=zh-CN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("预付费电、水管理");
        chromium.click(By.id("sign-up"));
        chromium.waitFor(By.id("organisationName"));
        browser.findElement(By.id("organisationName")).sendKeys("港湾物业");
        browser.findElement(By.id("slug")).sendKeys(slug);
        browser.findElement(By.id("administratorName")).sendKeys("王经理");
        browser.findElement(By.id("administratorEmail")).sendKeys(email);
        chromium.screenshot("signup-form-desktop");
        chromium.click(By.id("submit"));
        chromium.waitFor(By.id("sent"));
        assertThat(chromium.text("sent")).contains("请查收邮件");

        String token = SignedUpTenants.token(SignedUpTenants.mailTo(mailbox, email));
        browser.get(base + "/signup/verify?lang=zh-CN&token=" + token);
        chromium.waitFor(By.id("password"));
        // long enough for the browser's own check, refused by the server's rule
        browser.findElement(By.id("password")).sendKeys("aaaaaaaaaaaaaaaa");
        chromium.click(By.id("submit"));
        chromium.waitFor(By.id("error"));
        assertThat(chromium.text("error")).contains("设置密码", "不能是同一字符重复");
        browser.findElement(By.id("password")).sendKeys(SignedUpTenants.PASSWORD);
        chromium.click(By.id("submit"));
        chromium.waitFor(By.id("done"));
        assertThat(chromium.text("done")).contains(slug, "已完成验证");
        chromium.screenshot("signup-done-desktop");

        chromium.click(By.id("sign-in"));
        chromium.waitFor(By.name("username"));
        assertThat(browser.findElement(By.id("sign-up")).getAttribute("href")).as("the login page leads to sign-up")
                .contains("/signup");
        chromium.screenshot("login-desktop");
        browser.findElement(By.name("username")).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(SignedUpTenants.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitFor(By.id("signed-in-as"));
        assertThat(chromium.text("signed-in-as")).isEqualTo("王经理");
        // the person chose Chinese on the home page, and the tenant's language is Chinese: so is the staff UI
        assertThat(browser.getPageSource()).contains("您的角色下没有可显示的物业").doesNotContain(email);
        chromium.screenshot("signup-empty-tenant-desktop");

        chromium.click(By.id("nav-settings"));
        chromium.waitFor(By.id("nightStart"));
        setTime(browser, "nightStart", "22:00");
        setTime(browser, "nightEnd", "06:00");
        browser.findElement(By.id("weekends")).click();
        browser.findElement(By.id("holidays")).sendKeys("2027-02-06");
        browser.findElement(By.id("paymentPresetsMinor")).clear();
        browser.findElement(By.id("paymentPresetsMinor")).sendKeys("999999999");
        chromium.click(By.id("save-settings"));
        chromium.waitFor(By.id("settings-error"));
        assertThat(chromium.text("settings-error")).contains("提供的金额", "payments.presetsMinor");
        browser.findElement(By.id("paymentPresetsMinor")).clear();
        browser.findElement(By.id("paymentPresetsMinor")).sendKeys("1000, 5000");
        chromium.click(By.id("save-settings"));
        chromium.waitFor(By.id("settings-saved"));
        chromium.screenshot("settings-saved-desktop");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calendars.of(slug)).isEqualTo(
                new FriendlyWindow(ZoneId.of("Asia/Shanghai"), LocalTime.of(22, 0), LocalTime.of(6, 0), false,
                        Set.of(LocalDate.of(2027, 2, 6)))));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        org.slf4j.LoggerFactory.getLogger(SignUpBrowserTest.class)
                .info("Sign-up to the empty tenant took {} ms in the browser", took.toMillis());
    }

    /** A time input takes keystrokes in the browser's locale; setting its value is what a picker does. */
    private static void setTime(WebDriver browser, String id, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    @Test
    void theSignUpFormFitsAPhoneAndNamesTheRefusedField() {
        chromium = Chromium.phone();
        WebDriver browser = chromium.driver();
        browser.get("http://127.0.0.1:" + port + "/signup?lang=en");
        chromium.waitFor(By.id("organisationName"));
        browser.findElement(By.id("organisationName")).sendKeys("Lakeside");
        browser.findElement(By.id("slug")).sendKeys("admin");
        browser.findElement(By.id("administratorName")).sendKeys("Ann");
        browser.findElement(By.id("administratorEmail")).sendKeys("ann@example.com");
        chromium.click(By.id("submit"));
        chromium.waitFor(By.id("error"));
        assertThat(chromium.text("error")).contains("Short name in addresses", "reserved");
        assertThat(browser.findElement(By.id("slug")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
        chromium.screenshot("signup-refused-phone");
    }
}
