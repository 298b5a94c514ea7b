package com.meterledger.app.people;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant administrator invites a property manager for one property in Debian's headless Chromium, as people would:
 * the invitation comes through the local mail sink, the manager accepts and chooses a password, signs in and sees only
 * that property, turns on a second factor (the code computed here from the secret the page shows) and signs in
 * with it; the administrator deactivates them, and the manager's open session ends and they cannot sign in
 * again. Screenshots of the staff pages at desktop and phone size are in {@code target/screenshots/people-*}.
 */
class PeopleBrowserTest extends IntegrationTest {
    private static final Pattern LINK = Pattern.compile("https?://\\S+(/invitation\\?token=\\S+)");
    private static final String PASSWORD = "a sentence of a few words";

    @Autowired
    EmbeddedMailSink mailbox;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    @Test
    void anAdministratorInvitesAScopedManagerWhoSignsInSeesOnlyTheirPropertyAndIsLockedOutAfterDeactivation() {
        long started = System.nanoTime();
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api adminApi = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String managed = "harbour-" + suffix;
        String other = "hillside-" + suffix;
        assertThat(adminApi.post("/api/properties", "{\"propertyId\":\"%s\",\"name\":\"Harbour View\"}"
                .formatted(managed)).status()).isEqualTo(201);
        assertThat(adminApi.post("/api/properties", "{\"propertyId\":\"%s\",\"name\":\"Hillside\"}"
                .formatted(other)).status()).isEqualTo(201);
        String email = "li-" + suffix + "@example.cn";
        String base = "http://127.0.0.1:" + port;

        Chromium admin = open(Chromium.desktop());
        signIn(admin, base, tenant.email(), tenant.password());
        admin.click(By.id("nav-people"));
        admin.waitFor(By.id("invite"));
        WebDriver page = admin.driver();
        page.findElement(By.id("name")).sendKeys("Li Na");
        page.findElement(By.id("email")).sendKeys(email);
        page.findElement(By.id("role-PROPERTY_MANAGER")).click();
        page.findElement(By.id("property-" + managed)).click();
        admin.click(By.id("send-invitation"));
        admin.waitFor(By.id("people-invited"));
        assertThat(admin.text("people")).contains("Li Na", email, "Property manager", managed, "Invited");
        admin.screenshot("people-list-desktop");

        Chromium manager = open(Chromium.phone("en"));
        manager.open(base + invitationPath(email));
        manager.waitFor(By.id("password"));
        manager.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        manager.screenshot("people-invitation-phone");
        manager.click(By.id("accept"));
        manager.waitFor(By.id("done"));
        manager.click(By.id("sign-in"));
        manager.waitFor(By.name("username"));
        manager.submitLogin(email, PASSWORD);
        manager.waitFor(By.id("signed-in-as"));
        assertThat(manager.text("signed-in-as")).isEqualTo("Li Na");
        assertThat(manager.driver().findElements(By.id("property-" + managed))).hasSize(1);
        assertThat(manager.driver().findElements(By.id("property-" + other))).isEmpty();
        assertThat(manager.driver().findElements(By.id("nav-people"))).as("no People page for a manager").isEmpty();

        manager.click(By.id("signed-in-as"));
        manager.waitFor(By.id("enrol"));
        String secret = manager.text("totp-secret");
        assertThat(manager.text("totp-uri")).startsWith("otpauth://totp/MeterLedger:").contains("secret=" + secret);
        manager.driver().findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now()));
        manager.screenshot("people-second-factor-phone");
        manager.click(By.id("enrol-submit"));
        manager.waitFor(By.id("mfa-saved"));
        manager.click(By.id("sign-out"));
        manager.waitFor(By.id("sign-in"));
        manager.open(base + "/ui");
        manager.waitFor(By.name("username"));
        manager.submitLogin(email, PASSWORD);
        manager.waitFor(By.id("code"));
        assertThat(manager.driver().findElements(By.id("signed-in-as"))).as("not in with the password alone")
                .isEmpty();
        manager.driver().findElement(By.id("code")).sendKeys(wrongCode(secret));
        manager.click(By.id("submit"));
        manager.waitFor(By.id("error"));
        manager.driver().findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now()));
        manager.screenshot("people-sign-in-code-phone");
        manager.click(By.id("submit"));
        manager.waitFor(By.id("signed-in-as"));
        assertThat(manager.driver().findElements(By.id("property-" + managed))).hasSize(1);
        assertThat(manager.driver().findElements(By.id("property-" + other))).isEmpty();
        manager.screenshot("people-manager-home-phone");

        String personId = adminApi.get("/api/tenant/people").body().findParents("email").stream()
                .filter(node -> node.get("email").asText().equals(email)).findFirst().orElseThrow()
                .get("personId").asText();
        admin.open(base + "/ui/people/" + personId);
        admin.waitFor(By.id("roles-form"));
        assertThat(admin.text("person-state")).isEqualTo("Active");
        admin.screenshot("people-person-desktop");
        admin.click(By.id("deactivate"));
        admin.waitFor(By.id("person-saved"));
        assertThat(admin.text("person-state")).isEqualTo("Deactivated");
        admin.screenshot("people-deactivated-desktop");

        manager.open(base + "/ui");
        manager.waitFor(By.name("username"));
        assertThat(manager.driver().getCurrentUrl()).as("the open session ended").endsWith("/login");
        manager.submitLogin(email, PASSWORD);
        manager.waitFor(By.id("error"));
        assertThat(manager.driver().getCurrentUrl()).contains("/login?error");
        assertThat(manager.driver().findElements(By.id("signed-in-as"))).isEmpty();

        Chromium adminPhone = open(Chromium.phone("en"));
        signIn(adminPhone, base, tenant.email(), tenant.password());
        adminPhone.open(base + "/ui/people");
        adminPhone.waitFor(By.id("invite"));
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) adminPhone.driver())
                .executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling on a 390 px wide phone").isLessThanOrEqualTo(390);
        adminPhone.screenshot("people-list-phone");
        adminPhone.open(base + "/ui/people/" + personId);
        adminPhone.waitFor(By.id("roles-form"));
        adminPhone.screenshot("people-person-phone");
        LoggerFactory.getLogger(PeopleBrowserTest.class).info("Invite, accept, sign in and deactivate took {} ms in "
                + "the browser", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** A code that is none of the three the window accepts now. */
    private static String wrongCode(String secret) {
        Instant now = Instant.now();
        java.util.Set<String> valid = java.util.Set.of(Totp.code(secret, now.minusSeconds(30)), Totp.code(secret, now),
                Totp.code(secret, now.plusSeconds(30)));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }

    private Chromium open(Chromium chromium) {
        browsers.add(chromium);
        return chromium;
    }

    private static void signIn(Chromium chromium, String base, String email, String password) {
        chromium.signIn(base + "/ui", email, password);
    }

    private String invitationPath(String email) {
        Matcher link = LINK.matcher(SignedUpTenants.mailTo(mailbox, email).body());
        assertThat(link.find()).isTrue();
        return link.group(1);
    }
}
