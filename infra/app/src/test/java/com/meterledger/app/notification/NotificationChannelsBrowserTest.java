package com.meterledger.app.notification;

import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * channels, in Debian's headless Chromium: an administrator sets the occupants' alert channels, the staff alerts'
 * address and the SMS sender name in their own sections of the settings page; a refusal is shown in its section,
 * naming the field, and nothing is kept; the page reads in Chinese on a 390 px phone without sideways scrolling.
 * Screenshots: {@code target/screenshots/channels-settings-*}.
 */
class NotificationChannelsBrowserTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void givenAnAdministratorWhenTheySetChannelsAndASenderNameThenRefusalsShowInPlaceAndSavedValuesStay() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        String base = "http://127.0.0.1:" + port;
        Chromium desktop = open(Chromium.desktop());
        signIn(desktop, base, tenant.email(), tenant.password());
        desktop.waitFor(By.id("signed-in-as"));
        desktop.click(By.id("nav-settings"));
        desktop.waitFor(By.id("notification-channels"));
        assertThat(desktop.driver().findElement(By.id("channel-email")).isSelected()).isTrue();
        assertThat(desktop.driver().findElement(By.id("channel-sms")).isSelected()).isTrue();
        assertThat(desktop.text("sender-none")).contains("platform's sender");

        // no channel at all: refused in the section, naming the field
        desktop.click(By.id("channel-email"));
        desktop.click(By.id("channel-sms"));
        desktop.click(By.id("save-channels"));
        desktop.waitFor(By.id("channels-error"));
        assertThat(desktop.text("channels-error")).contains("occupantChannels", "EMAIL, SMS or both");

        desktop.click(By.id("channel-email"));
        desktop.driver().findElement(By.id("staffAlertAddress")).sendKeys("control-room@example.org");
        desktop.click(By.id("save-channels"));
        desktop.waitFor(By.id("channels-saved"));
        assertThat(desktop.driver().findElement(By.id("channel-email")).isSelected()).isTrue();
        assertThat(desktop.driver().findElement(By.id("channel-sms")).isSelected()).isFalse();
        assertThat(desktop.driver().findElement(By.id("staffAlertAddress")).getAttribute("value"))
                .isEqualTo("control-room@example.org");

        desktop.driver().findElement(By.id("senderName")).sendKeys("Harb-Home");
        desktop.click(By.id("save-sender"));
        desktop.waitFor(By.id("sender-error"));
        assertThat(desktop.text("sender-error")).contains("senderName", "Latin letters, digits and spaces");
        assertThat(desktop.driver().findElement(By.id("senderName")).getAttribute("value")).isEqualTo("Harb-Home");
        scrollTo(desktop, "notification-channels");
        desktop.screenshot("channels-settings-refused-desktop");
        desktop.driver().findElement(By.id("senderName")).clear();
        desktop.driver().findElement(By.id("senderName")).sendKeys("【海港物业】");
        desktop.click(By.id("save-sender"));
        desktop.waitFor(By.id("sender-saved"));
        assertThat(desktop.driver().findElement(By.id("senderName")).getAttribute("value")).isEqualTo("【海港物业】");
        assertThat(desktop.driver().findElement(By.id("channel-sms")).isSelected()).as("the other section stays")
                .isFalse();
        scrollTo(desktop, "notification-channels");
        desktop.screenshot("channels-settings-desktop");
        assertThat(desktop.seriousAccessibilityViolations()).isEmpty();

        Chromium phone = open(Chromium.phone("zh-CN"));
        signIn(phone, base, tenant.email(), tenant.password());
        phone.waitFor(By.id("signed-in-as"));
        // the tenant reads English; the person chooses Chinese with the switcher (kept in a cookie)
        phone.open(base + "/ui/settings?lang=zh-CN");
        phone.waitFor(By.id("notification-channels"));
        assertThat(phone.text("notification-channels-title")).isEqualTo("住户余额不足提醒");
        assertThat(phone.text("sms-sender-title")).isEqualTo("短信签名");
        assertThat(phone.driver().findElement(By.id("senderName")).getAttribute("value")).isEqualTo("【海港物业】");
        assertThat(((Number) ((JavascriptExecutor) phone.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
        scrollTo(phone, "notification-channels");
        phone.screenshot("channels-settings-phone");
        scrollTo(phone, "sms-sender");
        phone.screenshot("channels-sender-phone");
    }

    private static void scrollTo(Chromium chromium, String id) {
        ((JavascriptExecutor) chromium.driver()).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private Chromium open(Chromium chromium) {
        browsers.add(chromium);
        return chromium;
    }

    private static void signIn(Chromium chromium, String base, String email, String password) {
        chromium.open(base + "/ui");
        chromium.waitFor(By.name("username"));
        chromium.submitLogin(email, password);
    }
}
