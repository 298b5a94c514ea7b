package com.meterledger.app.platform;

import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.Chromium;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's operator as a person (issue 16 item 7): made by {@link PlatformPeople} with an event naming the
 * actor, signing in at the same login page as the staff, to {@code /ui/platform/tenants} in headless Chromium;
 * their token has no tenant and only {@code PLATFORM_ADMIN}; a tenant's administrator cannot reach the page; five
 * wrong passwords lock the operator out as they lock out the staff. Screenshots in
 * {@code target/screenshots/operator-*}.
 */
class PlatformOperatorTest extends IntegrationTest {
    private static final String PASSWORD = "the operator's long sentence";

    @Autowired
    PlatformPeople operators;

    @Autowired
    EmbeddedMailSink mailbox;

    private final List<Chromium> browsers = new ArrayList<>();

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(Chromium::close);
    }

    private static String newAddress() {
        return "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@meterledger.test";
    }

    @Test
    void givenAPlatformOperatorWhenTheySignInThroughTheBrowserThenTheySeeTheTenantsAndATenantAdminDoesNot() {
        long started = System.nanoTime();
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        String email = newAddress();
        operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator");
        String base = "http://127.0.0.1:" + port;

        Chromium desktop = Chromium.desktop("en");
        browsers.add(desktop);
        desktop.open(base + "/ui/platform/tenants");
        desktop.waitFor(By.name("username"));
        desktop.submitLogin(email, PASSWORD);
        desktop.waitFor(By.id("platform-tenants"));
        assertThat(desktop.text("signed-in-as")).as("the operator's name, not an id").isEqualTo("运维 Ops");
        assertThat(desktop.driver().findElements(By.id("tenant-" + tenant.slug())))
                .as("the signed-up tenant is listed").hasSize(1);
        desktop.screenshot("operator-tenants-desktop");

        Chromium phone = Chromium.phone("zh-CN");
        browsers.add(phone);
        phone.open(base + "/ui/platform/tenants");
        phone.waitFor(By.name("username"));
        phone.submitLogin(email, PASSWORD);
        phone.waitFor(By.id("platform-tenants"));
        phone.screenshot("operator-tenants-phone");

        Chromium landlord = Chromium.desktop("en");
        browsers.add(landlord);
        landlord.open(base + "/ui/platform/tenants");
        landlord.waitFor(By.name("username"));
        landlord.submitLogin(tenant.email(), tenant.password());
        landlord.waitFor(By.id("problem"));
        assertThat(landlord.text("problem")).isEqualTo("your role does not allow this page");
        assertThat(landlord.driver().findElements(By.id("platform-tenants"))).isEmpty();
        landlord.screenshot("operator-refused-tenant-admin-desktop");
        LoggerFactory.getLogger(PlatformOperatorTest.class).info("Operator and tenant admin in the browser took {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Test
    void givenAPlatformOperatorWhenTheyTakeATokenThenItHasNoTenantAndOnlyThePlatformRole() {
        String email = newAddress();
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator");

        Api api = new Api("http://localhost:" + port, PersonTokens.signIn(port, email, PASSWORD).orElseThrow());
        Api.Response me = api.get("/api/me");
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"PLATFORM_ADMIN\"]");
        assertThat(me.body().get("tenant").isNull()).isTrue();
        assertThat(me.text("subject")).isEqualTo("platform:" + operator.personId());
        assertThat(api.get("/api/platform/tenants").status()).isEqualTo(200);
        assertThat(api.get("/api/properties").status()).as("no tenant's data").isEqualTo(403);

        EventStore.StoredEvent added = new EventStore(OwnerJdbc.client())
                .ofType(PlatformPersonId.of(operator.personId()).value(), "PlatformPersonAdded").getFirst();
        assertThat(added.payload().get("actor").asText()).isEqualTo("test-operator");
        assertThat(added.metadata().get("actor").asText()).isEqualTo("test-operator");
        assertThat(added.payload().toString() + added.metadata()).doesNotContain(email).doesNotContain("bcrypt");
        assertThat(operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator").personId())
                .as("a second time makes nothing twice").isEqualTo(operator.personId());
    }

    @Test
    void givenAWeakPasswordOrAMalformedAddressWhenAnOperatorIsMadeThenTheRuleIsNamedAndNothingIsStored() {
        String email = newAddress();
        assertThatThrownBy(() -> operators.addWithPassword("运维 Ops", email, "short", "test-operator"))
                .hasMessageContaining("12");
        assertThatThrownBy(() -> operators.addWithPassword("运维 Ops", "platform@meterledger", PASSWORD, "test-operator"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(operators.byEmail(email)).isEmpty();
        assertThat(operators.byEmail("platform@meterledger")).isEmpty();
    }

    @Test
    void givenFiveWrongPasswordsWhenTheOperatorTriesAgainThenTheyAreLockedOutAndTheLockoutIsAnEvent() {
        String email = newAddress();
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(PersonTokens.signIn(port, email, "not the password " + attempt)).isEmpty();
        }
        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("locked, even with the password").isEmpty();
        EventStore.StoredEvent lockout = new EventStore(OwnerJdbc.client())
                .ofType(PlatformPersonId.of(operator.personId()).value(), "PlatformSignInLockedOut").getFirst();
        assertThat(lockout.payload().get("failures").asInt()).isEqualTo(5);
        assertThat(lockout.payload().toString()).doesNotContain(email);
        assertThat(OwnerJdbc.client().sql("""
                        select locked_until > now() + interval '50 seconds' from platform_person where person_id = ?""")
                .param(operator.personId()).query(Boolean.class).single()).as("locked for a minute").isTrue();
    }
}
