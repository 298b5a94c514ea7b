package com.meterledger.app.people;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16), in Debian's headless Chromium, at a desktop in English and on a phone in Chinese: in a tenant
 * that requires a second factor, a finance person lost their phone; the administrator opens the person on the people
 * page, opens "Reset second factor", reads what it does and confirms. The person's next sign-in is sent to enrolment.
 * Every state passes axe-core; screenshots are in {@code target/screenshots/second-factor-reset-*}.
 */
class SecondFactorResetBrowserTest extends IntegrationTest {
    private static final String PASSWORD = "a sentence of a few words";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SecondFactors secondFactors;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void anAdministratorResetsALostSecondFactorOnThePeoplePageAndThePersonEnrolsAgainAtSignIn() {
        long started = System.nanoTime();
        resetAndEnrolAgain(open(Chromium.desktop()), "en", "desktop", 1280, "second factor is reset");
        resetAndEnrolAgain(open(Chromium.phone("zh-CN")), "zh-CN", "phone", 390, "双重验证已重置");
        LoggerFactory.getLogger(SecondFactorResetBrowserTest.class).info("Reset a person's second factor and enrol "
                + "again at a desktop and a phone took {} ms in the browser", Duration.ofNanos(System.nanoTime()
                - started).toMillis());
    }

    private void resetAndEnrolAgain(Chromium browser, String language, String device, int width, String doneWords) {
        String base = "http://127.0.0.1:" + port;
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, language);
        String adminKey = Totp.newSecret();
        assertThat(secondFactors.enrol(personId(tenant.email()), adminKey, Totp.code(adminKey, Instant.now())))
                .isTrue();
        Api admin = new Api("http://localhost:" + port, PersonTokens.signIn(port, tenant.email(), tenant.password(),
                null, Totp.code(adminKey, Instant.now())).orElseThrow());
        String finance = invitedFinance(admin);
        UUID financeId = personId(finance);
        String lostKey = Totp.newSecret();
        assertThat(secondFactors.enrol(financeId, lostKey, Totp.code(lostKey, Instant.now()))).isTrue();
        assertThat(admin.put("/api/tenant/settings/second-factor", "{\"requiredForAdministratorsAndFinance\":true}")
                .status()).isEqualTo(200);

        signIn(browser, base, tenant.email(), tenant.password());
        browser.waitFor(By.id("code"));
        browser.driver().findElement(By.id("code")).sendKeys(Totp.code(adminKey, Instant.now()));
        browser.click(By.id("submit"));
        browser.waitFor(By.id("signed-in-as"));
        browser.open(base + "/ui/people");
        browser.waitFor(By.cssSelector("tr[data-person='" + financeId + "'] a"));
        browser.click(By.cssSelector("tr[data-person='" + financeId + "'] a"));
        browser.click(By.id("reset-second-factor"));
        browser.waitFor(By.id("confirm-second-factor-reset"));
        assertThat(browser.driver().findElement(By.id("confirm-second-factor-reset")).isDisplayed()).isTrue();
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the confirmation").isEmpty();
        assertThat(((Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling").isLessThanOrEqualTo(width);
        browser.screenshot("second-factor-reset-confirm-" + device);

        browser.click(By.id("confirm-second-factor-reset"));
        browser.waitFor(By.id("second-factor-reset"));
        assertThat(browser.text("second-factor-reset")).contains(doneWords);
        assertThat(browser.driver().findElements(By.id("reset-second-factor"))).as("nothing left to reset").isEmpty();
        assertThat(secondFactors.enrolled(financeId)).isFalse();
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core after the reset").isEmpty();
        browser.screenshot("second-factor-reset-done-" + device);

        browser.click(By.id("sign-out"));
        browser.waitFor(By.id("sign-in"));
        signIn(browser, base, finance, PASSWORD);
        browser.waitFor(By.id("enrol"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login/second-factor");
        assertThat(browser.text("totp-secret")).as("a new key for the new phone").isNotEqualTo(lostKey);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the enrolment").isEmpty();
        browser.screenshot("second-factor-reset-enrol-" + device);
    }

    /** A finance person of the tenant, invited by its administrator, with the invitation accepted. */
    private String invitedFinance(Api admin) {
        String email = "finance-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        SignedUpTenants.inviteAndAccept(admin, anonymous(), mailbox, "Finance 财务", email, "FINANCE", PASSWORD);
        return email;
    }

    private static UUID personId(String email) {
        return OwnerJdbc.client().sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(email).query(UUID.class).single();
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
