package com.meterledger.app.platform;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.Totp;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16), in Debian's headless Chromium: an operator helps a person who works for two tenants and lost
 * their phone, at a desktop in English and on a 390 px phone in Chinese. From the operators' page they open the
 * staff help, look up an address no one has (said so), then the person's exact address (their name and both tenants),
 * open "Reset second factor…", confirm, and the page says it is reset; the person has no second factor left. Every
 * state passes axe-core; screenshots are in {@code target/screenshots/operator-staff-reset-*}.
 */
class OperatorResetsStaffSecondFactorBrowserTest extends IntegrationTest {
    private static final String PASSWORD = "a sentence of a few words";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SecondFactors secondFactors;
    @Autowired
    PlatformPeople operators;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void anOperatorFindsAPersonOfTwoTenantsByAddressAndResetsTheirSecondFactorAtADesktopAndOnAPhone() {
        long started = System.nanoTime();
        SignedUpTenants.SignedUp first = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        SignedUpTenants.SignedUp second = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api firstAdmin = signedIn(first);
        Api secondAdmin = signedIn(second);

        findAndReset(open(Chromium.desktop("en")), "desktop", 1280, sharedPerson(firstAdmin, secondAdmin, "Wang Desk"),
                List.of(first.slug(), second.slug()), "No tenant's person has this address.",
                "second factor is reset in every organisation");
        findAndReset(open(Chromium.phone("zh-CN")), "phone", 390, sharedPerson(firstAdmin, secondAdmin, "王 手机"),
                List.of(first.slug(), second.slug()), "没有租户人员使用此地址。", "双重验证已在其所有任职机构重置");
        LoggerFactory.getLogger(OperatorResetsStaffSecondFactorBrowserTest.class).info("Find and reset a person's "
                + "second factor at a desktop and a phone took {} ms in the browser",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** A person of both tenants with a second factor: their address. */
    private String sharedPerson(Api firstAdmin, Api secondAdmin, String name) {
        String email = "shared-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        SignedUpTenants.inviteAndAccept(firstAdmin, anonymous(), mailbox, name, email, "FINANCE", PASSWORD);
        SignedUpTenants.inviteAndAccept(secondAdmin, anonymous(), mailbox, name, email, "AUDITOR", PASSWORD);
        String key = Totp.newSecret();
        assertThat(secondFactors.enrol(personId(email), key, Totp.code(key, Instant.now()))).isTrue();
        return email;
    }

    private void findAndReset(Chromium browser, String device, int width, String email, List<String> tenants,
                              String nobodyWords, String doneWords) {
        String base = "http://127.0.0.1:" + port;
        String operator = "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@meterledger.test";
        operators.addWithPassword("Ops " + device, operator, PASSWORD, "test-operator");
        browser.signIn(base + "/ui/platform/operators", operator, PASSWORD);
        browser.click(By.id("staff-help"));
        browser.waitFor(By.id("find-staff"));

        browser.driver().findElement(By.id("staff-email")).sendKeys("nobody-" + UUID.randomUUID() + "@example.cn");
        browser.click(By.id("find-person"));
        browser.waitFor(By.id("staff-not-found"));
        assertThat(browser.text("staff-not-found")).isEqualTo(nobodyWords);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core when no one has the address").isEmpty();

        WebElement address = browser.driver().findElement(By.id("staff-email"));
        address.clear();
        address.sendKeys(email.toUpperCase());
        browser.click(By.id("find-person"));
        browser.waitFor(By.id("staff-person"));
        assertThat(browser.text("staff-tenants")).as("both tenants").contains(tenants);
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the person found").isEmpty();
        assertThat(((Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling").isLessThanOrEqualTo(width);
        browser.screenshot("operator-staff-reset-found-" + device);

        browser.click(By.id("reset-staff-second-factor"));
        browser.waitFor(By.id("confirm-staff-second-factor-reset"));
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the confirmation").isEmpty();
        browser.screenshot("operator-staff-reset-confirm-" + device);
        browser.click(By.id("confirm-staff-second-factor-reset"));
        browser.waitFor(By.id("staff-second-factor-reset"));
        assertThat(browser.text("staff-second-factor-reset")).contains(doneWords);
        assertThat(secondFactors.enrolled(personId(email))).as("the key is gone").isFalse();
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core after the reset").isEmpty();
        assertThat(((Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling").isLessThanOrEqualTo(width);
        browser.screenshot("operator-staff-reset-done-" + device);
    }

    private Api signedIn(SignedUpTenants.SignedUp tenant) {
        return new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
    }

    private static UUID personId(String email) {
        return OwnerJdbc.client().sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(email).query(UUID.class).single();
    }

    private Chromium open(Chromium chromium) {
        browsers.add(chromium);
        return chromium;
    }
}
