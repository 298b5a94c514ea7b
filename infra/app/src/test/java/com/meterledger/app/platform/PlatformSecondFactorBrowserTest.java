package com.meterledger.app.platform;

import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.TotpCodes;
import com.meterledger.tenantadmin.people.Totp;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16 item 2), in Debian's headless Chromium, on a desktop in English and a 390x844 phone in Chinese: a
 * platform operator signs in, enrols a second factor on their own page (the key as text and as an
 * {@code otpauth://} address, confirmed by the app's first code, computed here from the key the page shows), signs
 * out, and the next sign-in asks for the code: a wrong one is refused on the page, the right one signs them in.
 * The operators' page then shows that they have one. axe-core finds no serious violation on the enrolment and code
 * pages. Screenshots in
 * {@code target/screenshots/operator-second-factor-*}.
 */
class PlatformSecondFactorBrowserTest extends IntegrationTest {
    private static final String PASSWORD = "the operator's long sentence";

    @Autowired
    PlatformPeople operators;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void anOperatorEnrolsOnTheirOwnPageAndSignsInWithTheCodeOnADesktopInEnglish() {
        Chromium desktop = Chromium.desktop("en");
        browsers.add(desktop);
        enrolAndSignInWithTheCode(desktop, "desktop", "On");
    }

    @Test
    void anOperatorEnrolsOnTheirOwnPageAndSignsInWithTheCodeOnAPhoneInChinese() {
        Chromium phone = Chromium.phone("zh-CN");
        browsers.add(phone);
        enrolAndSignInWithTheCode(phone, "phone", "已开启");
        assertThat(((Number) ((JavascriptExecutor) phone.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
    }

    /** @param on how the operators' page says, in the browser's language, that the operator has a second factor */
    private void enrolAndSignInWithTheCode(Chromium browser, String size, String on) {
        String email = "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@meterledger.test";
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator");
        String base = "http://127.0.0.1:" + port;

        browser.signIn(base + "/ui/platform/operators", email, PASSWORD);
        browser.click(By.id("signed-in-as"));
        browser.waitFor(By.id("totp-secret"));
        String key = browser.text("totp-secret");
        assertThat(browser.text("totp-uri")).startsWith("otpauth://totp/MeterLedger:").contains("secret=" + key);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the enrolment page").isEmpty();
        browser.screenshot("operator-second-factor-enrol-" + size);
        browser.driver().findElement(By.id("code")).sendKeys(Totp.code(key, Instant.now()));
        browser.click(By.id("enrol-submit"));
        browser.waitFor(By.id("mfa-saved"));
        browser.screenshot("operator-second-factor-enrolled-" + size);

        browser.click(By.id("sign-out"));
        browser.waitFor(By.id("sign-in"));
        browser.open(base + "/ui/platform/operators");
        browser.waitFor(By.name("username"));
        browser.submitLogin(email, PASSWORD);
        browser.waitFor(By.id("code"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login/code");
        assertThat(browser.driver().findElements(By.id("signed-in-as"))).as("not signed in by the password").isEmpty();
        browser.driver().findElement(By.id("code")).sendKeys(TotpCodes.wrong(key));
        browser.click(By.id("submit"));
        browser.waitFor(By.id("error"));
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the code page").isEmpty();
        browser.screenshot("operator-second-factor-code-" + size);
        browser.driver().findElement(By.id("code")).sendKeys(Totp.code(key, Instant.now()));
        browser.click(By.id("submit"));
        browser.waitFor(By.id("operators"));
        assertThat(browser.text("signed-in-as")).isEqualTo("运维 Ops");
        assertThat(browser.text("second-factor-" + operator.personId())).as("the operators' page says so").isEqualTo(on);
        browser.screenshot("operator-second-factor-signed-in-" + size);
    }
}
