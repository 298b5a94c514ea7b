package com.meterledger.app.people;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.Totp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16): a tenant requires a second factor of its administrators and finance staff. The change is its own
 * settings section and an event with its actor; bad input is a 400 naming the field, nothing stored; an administrator
 * requires it only once they have one themselves. At the change, the tokens of covered people without one stop
 * working; afterwards such a person is sent from the password to enrolment, and reaches neither a page, nor an
 * authorization code, nor the API until the app's first code confirms the key; once enrolled, every sign-in asks for
 * the code. An auditor is not covered by the rule.
 */
class SecondFactorRequiredTest extends IntegrationTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "a sentence of a few words";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecondFactors secondFactors;

    @Test
    void givenTheRuleWhenAnAdministratorWithoutASecondFactorSignsInThenTheyEnrolFirstAndGiveACodeEveryTimeAfter()
            throws Exception {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api admin = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        String finance = invite(admin, "FINANCE");
        String auditor = invite(admin, "AUDITOR");

        Api.Response missing = admin.put("/api/tenant/settings/second-factor", "{}");
        assertThat(missing.status()).as(missing.body().toString()).isEqualTo(400);
        assertThat(missing.text("rule")).isEqualTo("second-factor-policy-invalid");
        assertThat(missing.body().toString()).contains("requiredForAdministratorsAndFinance");
        assertThat(admin.get("/api/tenant/settings/second-factor").body()
                .get("requiredForAdministratorsAndFinance").asBoolean()).as("nothing stored").isFalse();
        Api financeApi = new Api("http://localhost:" + port, PersonTokens.signIn(port, finance, PASSWORD).orElseThrow());
        assertThat(financeApi.put("/api/tenant/settings/second-factor",
                "{\"requiredForAdministratorsAndFinance\":true}").status()).as("administrators only").isEqualTo(403);

        // an administrator without a second factor would sign themselves out with the rule: refused, nothing stored
        Api.Response selfLocking = admin.put("/api/tenant/settings/second-factor",
                "{\"requiredForAdministratorsAndFinance\":true}");
        assertThat(selfLocking.status()).as(selfLocking.body().toString()).isEqualTo(422);
        assertThat(selfLocking.text("rule")).isEqualTo("second-factor-enrol-first");
        assertThat(admin.get("/api/tenant/settings/second-factor").body()
                .get("requiredForAdministratorsAndFinance").asBoolean()).as("nothing stored").isFalse();
        UUID adminId = personId(tenant.email());
        String adminKey = Totp.newSecret();
        assertThat(secondFactors.enrol(adminId, adminKey, Totp.code(adminKey, Instant.now()))).isTrue();

        Api.Response required = admin.put("/api/tenant/settings/second-factor",
                "{\"requiredForAdministratorsAndFinance\":true}");

        assertThat(required.status()).as(required.body().toString()).isEqualTo(200);
        assertThat(admin.get("/api/tenant/settings/second-factor").body()
                .get("requiredForAdministratorsAndFinance").asBoolean()).as("the administrator acts on").isTrue();
        EventStore.StoredEvent changed = new EventStore(jdbc).ofType(tenant.slug(), "SecondFactorPolicyChanged")
                .getFirst();
        assertThat(changed.payload().get("policy").get("requiredForAdministratorsAndFinance").asBoolean()).isTrue();
        assertThat(changed.metadata().get("actor").asText()).startsWith("person:");
        // finance's token from before the rule ends at once: no waiting for it to expire
        assertThat(financeApi.get("/api/me").status()).as("a covered person without one is signed out").isEqualTo(401);

        assertPasswordLeadsToEnrolmentOnly(finance, PASSWORD);
        assertThat(PersonTokens.signIn(port, finance, PASSWORD)).as("no token with the password").isEmpty();
        assertThat(PersonTokens.signIn(port, auditor, PASSWORD)).as("an auditor is not covered").isPresent();
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password())).as("the administrator's password alone")
                .isEmpty();

        AtomicReference<String> key = new AtomicReference<>();
        assertThat(PersonTokens.signIn(port, finance, PASSWORD, null, null,
                offered -> "000000".equals(Totp.code(offered, Instant.now())) ? "111111" : "000000"))
                .as("a code that does not match the offered key").isEmpty();
        assertThat(PersonTokens.signIn(port, finance, PASSWORD, null, null, offered -> {
            key.set(offered);
            return Totp.code(offered, Instant.now());
        })).as("enrolled at sign-in").isPresent();

        assertThat(jdbc.sql("select totp_key_sealed is not null and totp_secret is null from staff_person "
                + "where person_id = ?").param(personId(finance)).query(Boolean.class).single()).as("stored sealed")
                .isTrue();
        assertThat(PersonTokens.signIn(port, finance, PASSWORD)).as("the password alone").isEmpty();
        assertThat(PersonTokens.signIn(port, finance, PASSWORD, null, Totp.code(key.get(), Instant.now())))
                .as("the code of the key enrolled").isPresent();
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password(), null,
                Totp.code(adminKey, Instant.now()))).as("the administrator with their code").isPresent();
    }

    private UUID personId(String email) {
        return jdbc.sql("select person_id from staff_person where lower(email) = lower(?)").param(email)
                .query(UUID.class).single();
    }

    /**
     * After the password the session is sent to the enrolment step, and with that session neither the UI, nor the
     * issuer's authorization endpoint, nor the API answers as if the person were signed in.
     */
    private void assertPasswordLeadsToEnrolmentOnly(String email, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        String authorize = base + "/oauth2/authorize?response_type=code&client_id=test-web&scope=openid&state=s"
                + "&redirect_uri=" + URLEncoder.encode("http://127.0.0.1/callback", StandardCharsets.UTF_8);
        browser.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/login/second-factor");

        HttpResponse<String> step = browser.send(HttpRequest.newBuilder(URI.create(base + "/login/second-factor"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(step.statusCode()).isEqualTo(200);
        assertThat(step.body()).contains("id=\"totp-secret\"", "otpauth://totp/MeterLedger:");
        HttpResponse<Void> granted = browser.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(granted.statusCode()).isEqualTo(302);
        assertThat(granted.headers().firstValue("Location").orElse("")).as("no authorization code")
                .doesNotContain("code=").endsWith("/login");
        HttpResponse<Void> ui = browser.send(HttpRequest.newBuilder(URI.create(base + "/ui")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(ui.statusCode()).as("no page").isEqualTo(302);
        HttpResponse<Void> api = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(api.statusCode()).as("no API").isEqualTo(401);
    }

    private String invite(Api admin, String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        SignedUpTenants.inviteAndAccept(admin, anonymous(), mailbox, role, email, role, PASSWORD);
        return email;
    }
}
