package com.meterledger.app.people;

import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person who forgot their password, on a phone in Debian's headless Chromium, as people would: "Forgot your
 * password?" on the login page, the e-mail asked for, the link read from the local mail sink, a too short password
 * refused naming the rule, the new one saved, and a sign-in with it. Screenshots in
 * {@code target/screenshots/reset-*}.
 */
class PasswordResetBrowserTest extends IntegrationTest {
    private static final Pattern LINK = Pattern.compile("https?://\\S+(/password-reset/new\\?token=\\S+)");
    private static final String NEW_PASSWORD = "a brand new sentence of words";

    @Autowired
    EmbeddedMailSink mailbox;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void aPersonWhoForgotTheirPasswordAsksForALinkChoosesANewPasswordAndSignsInWithIt() {
        long started = System.nanoTime();
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        String base = "http://127.0.0.1:" + port;
        Chromium phone = Chromium.phone("zh-CN");
        browsers.add(phone);

        phone.open(base + "/ui");
        phone.waitFor(By.id("forgot"));
        assertThat(phone.text("forgot")).isEqualTo("忘记密码？");
        phone.screenshot("reset-login-phone");
        phone.click(By.id("forgot"));
        phone.waitFor(By.id("email"));
        phone.driver().findElement(By.id("email")).sendKeys(tenant.email());
        phone.screenshot("reset-ask-phone");
        phone.click(By.id("send"));
        phone.waitFor(By.id("asked"));
        phone.screenshot("reset-asked-phone");

        String path = await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.messages().stream()
                .filter(mail -> mail.to().contains(tenant.email())).map(mail -> LINK.matcher(mail.body()))
                .filter(Matcher::find).map(link -> link.group(1)).reduce((first, second) -> second)
                .orElse(null), found -> found != null);
        phone.open(base + path);
        phone.waitFor(By.id("password"));
        phone.driver().findElement(By.id("password")).sendKeys("short");
        // the browser's own minimum length would stop the form: send it as a person whose browser does not check
        ((org.openqa.selenium.JavascriptExecutor) phone.driver())
                .executeScript("document.getElementById('password').removeAttribute('minlength')");
        phone.click(By.id("save"));
        phone.waitFor(By.id("error"));
        assertThat(phone.text("error")).contains("12");
        phone.screenshot("reset-weak-phone");
        phone.driver().findElement(By.id("password")).clear();
        phone.driver().findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        phone.click(By.id("save"));
        phone.waitFor(By.id("done"));
        phone.screenshot("reset-done-phone");

        phone.click(By.id("sign-in"));
        phone.waitFor(By.name("username"));
        phone.submitLogin(tenant.email(), NEW_PASSWORD);
        phone.waitFor(By.id("signed-in-as"));

        phone.open(base + path);
        phone.waitFor(By.id("error"));
        assertThat(phone.driver().findElements(By.id("password"))).as("a used link offers no form").isEmpty();
        phone.screenshot("reset-used-link-phone");

        Chromium desktop = Chromium.desktop();
        browsers.add(desktop);
        desktop.open(base + "/password-reset?lang=en");
        desktop.waitFor(By.id("email"));
        desktop.screenshot("reset-ask-desktop");
        LoggerFactory.getLogger(PasswordResetBrowserTest.class).info("Forgot, mail, new password and sign-in took {} ms "
                + "in the browser", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
