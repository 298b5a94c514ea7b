package com.meterledger.app.ui;

import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A property group whose people read in several languages, in Debian's headless Chromium: its administrator (the
 * group signed up in Chinese) chooses "each reader's own" on the settings page of a 390 px phone; from then on an
 * English browser reads the group's pages in English and a Chinese one in Chinese, the choice shown selected in
 * both. Screenshots: {@code target/screenshots/settings-each-reader-*}.
 */
class EachReadersLanguageBrowserTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void givenAChineseGroup_whenItsAdministratorLeavesTheLanguageToEachReader_thenAnEnglishBrowserReadsEnglish() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        String base = "http://127.0.0.1:" + port;
        Chromium desktop = open(Chromium.desktop("en"));
        signIn(desktop, base, tenant.email(), tenant.password());
        desktop.open(base + "/ui/settings");
        desktop.waitFor(By.id("language"));
        assertThat(desktop.driver().findElement(By.tagName("html")).getAttribute("lang"))
                .as("the group's language outranks the browser's").isEqualTo("zh-CN");

        Chromium phone = open(Chromium.phone("zh-CN"));
        signIn(phone, base, tenant.email(), tenant.password());
        phone.open(base + "/ui/settings");
        phone.waitFor(By.id("language"));
        Select language = new Select(phone.driver().findElement(By.id("language")));
        language.selectByValue(TenantSettings.EACH_READERS_OWN);
        phone.click(By.id("save-settings"));
        phone.waitFor(By.id("settings-saved"));

        assertThat(new Select(phone.driver().findElement(By.id("language"))).getFirstSelectedOption().getText())
                .isEqualTo("每位读者各自的语言");
        assertThat(phone.text("language-hint")).contains("浏览器的语言");
        assertThat(((Number) ((JavascriptExecutor) phone.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
        assertThat(phone.seriousAccessibilityViolations()).isEmpty();
        phone.screenshot("settings-each-reader-phone-zh-CN");

        // pages remember a tenant's settings for a moment (meterledger.settings.remember-for)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            desktop.open(base + "/ui/settings");
            desktop.waitFor(By.id("language"));
            assertThat(desktop.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        });
        assertThat(new Select(desktop.driver().findElement(By.id("language"))).getFirstSelectedOption().getText())
                .isEqualTo("Each reader's own");
        assertThat(desktop.text("language-hint")).contains("else their browser's language");
        assertThat(desktop.seriousAccessibilityViolations()).isEmpty();
        desktop.screenshot("settings-each-reader-desktop-en");
    }

    private Chromium open(Chromium chromium) {
        browsers.add(chromium);
        return chromium;
    }

    private static void signIn(Chromium chromium, String base, String email, String password) {
        chromium.signIn(base + "/ui", email, password);
    }
}
