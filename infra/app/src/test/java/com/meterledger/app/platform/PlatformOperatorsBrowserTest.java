package com.meterledger.app.platform;

import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators managing operators in headless Chromium (issue 16): an operator invites another on the operators' page,
 * the invitation is read from the embedded mail sink and accepted on its page (a weak password first, refused naming
 * the rule), the new operator signs in and sees the operators' page, the first deactivates them, and their open
 * session ends and their password no longer signs in. The pages pass axe-core and fit a 390 px phone, in English and
 * Chinese. Screenshots in {@code target/screenshots/operators-*}.
 */
class PlatformOperatorsBrowserTest extends IntegrationTest {
    private static final String PASSWORD = "the operator's long sentence";
    private static final Pattern LINK = Pattern.compile("(/invitation/operator\\?token=[A-Za-z0-9_-]+)");

    @Autowired
    PlatformPeople operators;

    @Autowired
    EmbeddedMailSink mailbox;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void givenAnOperatorWhenTheyInviteAnotherWhoAcceptsAndSignsInThenDeactivatingThemLocksThemOut() {
        long started = System.nanoTime();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = "first-" + suffix + "@meterledger.test";
        String second = "second-" + suffix + "@meterledger.test";
        operators.addWithPassword("Ops First " + suffix, first, PASSWORD, "test-operator");
        String base = "http://127.0.0.1:" + port;

        Chromium inviter = open(Chromium.desktop("en"));
        signIn(inviter, base, first, PASSWORD);
        inviter.click(By.id("nav-operators"));
        inviter.waitFor(By.id("invite-operator"));
        inviter.driver().findElement(By.id("name")).sendKeys("Ops Second " + suffix);
        inviter.driver().findElement(By.id("email")).sendKeys("not-an-address@meterledger");
        inviter.click(By.id("send-invitation"));
        inviter.waitFor(By.id("operators-error"));
        assertThat(inviter.text("operators-error")).isEqualTo("must be an e-mail address such as manager@example.com");
        assertThat(inviter.text("operators")).doesNotContain("not-an-address");
        inviter.driver().findElement(By.id("email")).clear();
        int before = mailbox.messages().size();
        inviter.driver().findElement(By.id("email")).sendKeys(second);
        inviter.click(By.id("send-invitation"));
        inviter.waitFor(By.id("operator-invited"));
        assertThat(inviter.text("operators")).contains("Ops Second " + suffix, second, "Invited");
        assertThat(inviter.seriousAccessibilityViolations()).as("axe-core on the operators' page").isEmpty();
        inviter.screenshot("operators-invited-desktop");

        String link = mailbox.awaitMatch(second, LINK, before, Duration.ofSeconds(20)).orElseThrow();
        Chromium invitee = open(Chromium.phone("zh-CN"));
        invitee.open(base + link);
        invitee.waitFor(By.id("password"));
        // past the browser's own length check, as a script or an older browser would send it: the server's rule
        ((JavascriptExecutor) invitee.driver()).executeScript(
                "document.getElementById('password').removeAttribute('minlength')");
        invitee.driver().findElement(By.id("password")).sendKeys("too short");
        invitee.click(By.id("accept"));
        invitee.waitFor(By.id("error"));
        assertThat(invitee.text("error")).as("the rule, in Chinese").doesNotContain("password-too-weak").isNotBlank();
        invitee.screenshot("operators-invitation-refused-phone");
        invitee.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        assertThat(invitee.seriousAccessibilityViolations()).as("axe-core on the invitation page").isEmpty();
        invitee.click(By.id("accept"));
        invitee.waitFor(By.id("done"));
        invitee.screenshot("operators-invitation-accepted-phone");
        invitee.open(base + link);
        invitee.waitFor(By.id("error"));
        assertThat(invitee.driver().findElements(By.id("password"))).as("a used link offers nothing").isEmpty();

        invitee.open(base + "/ui/platform/operators");
        invitee.waitFor(By.name("username"));
        invitee.submitLogin(second, PASSWORD);
        invitee.waitFor(By.id("operators"));
        assertThat(invitee.text("signed-in-as")).isEqualTo("Ops Second " + suffix);
        assertThat(((Number) ((JavascriptExecutor) invitee.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
        assertThat(invitee.seriousAccessibilityViolations()).as("axe-core on the Chinese operators' page").isEmpty();
        invitee.screenshot("operators-list-phone");

        String secondId = operators.byEmail(second).orElseThrow().personId().toString();
        inviter.open(base + "/ui/platform/operators");
        inviter.waitFor(By.id("deactivate-" + secondId));
        inviter.click(By.id("deactivate-" + secondId));
        inviter.waitFor(By.id("operator-deactivated"));
        assertThat(inviter.driver().findElement(By.id("operator-" + secondId)).getText()).contains("Deactivated");
        assertThat(inviter.text("operator-changes")).contains("Deactivated", "Accepted the invitation",
                "Ops First " + suffix);
        inviter.screenshot("operators-deactivated-desktop");

        invitee.open(base + "/ui/platform/operators");
        invitee.waitFor(By.name("username"));
        assertThat(invitee.driver().getCurrentUrl()).as("the open session ended").endsWith("/login");
        invitee.submitLogin(second, PASSWORD);
        invitee.waitFor(By.id("error"));
        assertThat(invitee.driver().getCurrentUrl()).contains("/login?error");
        assertThat(invitee.driver().findElements(By.id("operators"))).isEmpty();
        invitee.screenshot("operators-locked-out-phone");
        LoggerFactory.getLogger(PlatformOperatorsBrowserTest.class).info("Invite, accept, sign in and deactivate an "
                + "operator took {} ms in the browser", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private Chromium open(Chromium chromium) {
        browsers.add(chromium);
        return chromium;
    }

    private static void signIn(Chromium chromium, String base, String email, String password) {
        chromium.signIn(base + "/ui/platform/tenants", email, password);
    }

}
