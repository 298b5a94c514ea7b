package com.meterledger.app.signup;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.UiSession;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A property group signs up through the public API, reads its mail in the embedded sink and verifies. */
class SignUpTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPropertyGroupSignsUpVerifiesItsEmailAndBecomesAVerifiedTenantWithItsAdministratorsPassword() {
        String slug = slug();
        String email = slug + "@example.cn";
        Api.Response accepted = anonymous().post("/api/signups", signUp("港湾物业 Harbour Homes", slug, email, "zh-CN"));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        assertThat(accepted.text("tenantId")).isEqualTo(slug);
        assertThat(accepted.text("status")).isEqualTo("SIGNED_UP");

        EmbeddedMailSink.Mail mail = mailTo(email);
        assertThat(mail.subject()).contains("港湾物业 Harbour Homes", "验证");
        assertThat(mail.body()).contains("王经理");
        String token = token(mail);

        Api.Response verified = anonymous().post("/api/signups/verification",
                "{\"token\":\"%s\",\"password\":\"correct horse battery staple\"}".formatted(token));
        assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("VERIFIED");

        List<EventStore.StoredEvent> events = new EventStore(jdbc).of(slug);
        assertThat(events).extracting(EventStore.StoredEvent::type)
                .containsExactly("TenantSignedUp", "TenantStatusChanged");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.metadata().get("tenantId").asText()).isEqualTo(slug);
            assertThat(event.payload() + " " + event.metadata()).doesNotContain(email, "王经理", token);
        });
        OwnerJdbc.client().sql("select p.password_hash, p.state, m.roles::text from staff_person p "
                        + "join staff_membership m using (person_id) where lower(p.email) = ?").param(email)
                .query((rs, row) -> {
                    assertThat(rs.getString(1)).startsWith("{bcrypt}").doesNotContain("correct horse");
                    assertThat(rs.getString(2)).isEqualTo("ACTIVE");
                    assertThat(rs.getString(3)).isEqualTo("{TENANT_ADMIN}");
                    return true;
                }).single();
        assertThat(OwnerJdbc.client().sql("select status from tenant where tenant_id = ?").param(slug)
                .query(String.class).single()).isEqualTo("VERIFIED");

        UiSession administrator = UiSession.signIn(port, email, "correct horse battery staple");
        UiSession.Page home = administrator.get("/ui");
        // the tenant signed up in zh-CN and the person's browser names no language: the tenant's language holds
        assertThat(home.body()).as("an empty tenant").contains("您的角色下没有可显示的物业", "lang=\"zh-CN\"");
        assertThat(home.body()).doesNotContain(email).as("the page names the person by nothing personal");
    }

    @Test
    void aSignedUpAdministratorCannotSignInBeforeVerifying() {
        String slug = slug();
        anonymous().post("/api/signups", signUp("Not Yet", slug, slug + "@example.com", "en"));
        assertThatThrownBy(() -> UiSession.signIn(port, slug + "@example.com", "correct horse battery staple"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("back at the UI");
    }

    @Test
    void theVerificationLinkWorksOnceAndAForgedOneNever() {
        String slug = slug();
        anonymous().post("/api/signups", signUp("Lakeside Estates", slug, slug + "@example.com", "en"));
        String token = token(mailTo(slug + "@example.com"));
        assertThat(mailTo(slug + "@example.com").subject()).startsWith("Verify your e-mail");

        Api.Response weak = anonymous().post("/api/signups/verification",
                "{\"token\":\"%s\",\"password\":\"short\"}".formatted(token));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text("field")).isEqualTo("password");
        assertThat(weak.text("rule")).isEqualTo("password-too-weak");

        String password = "{\"token\":\"%s\",\"password\":\"a long enough pass phrase\"}";
        assertThat(anonymous().post("/api/signups/verification", password.formatted(token)).status()).isEqualTo(200);
        Api.Response again = anonymous().post("/api/signups/verification", password.formatted(token));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("rule")).isEqualTo("signup-verification-invalid");
        Api.Response forged = anonymous().post("/api/signups/verification", password.formatted(slug + ".forged"));
        assertThat(forged.text("rule")).isEqualTo("signup-verification-invalid");
        assertThat(anonymous().post("/api/signups/verification", password.formatted("tenant-a.x")).status())
                .isEqualTo(422);
    }

    @Test
    void aTakenSlugOrEmailAndMalformedFieldsAreRefusedByNameAndStoreNothing() {
        String slug = slug();
        assertThat(anonymous().post("/api/signups", signUp("First", slug, slug + "@example.com", "en")).status())
                .isEqualTo(202);

        assertRefused(signUp("Second", slug, "other-" + slug + "@example.com", "en"), "slug", "tenant-slug-taken");
        String other = slug();
        assertRefused(signUp("Third", other, slug.toUpperCase() + "@EXAMPLE.com", "en"), "administratorEmail",
                "signup-email-taken");
        assertRefused(signUp("Fourth", "Not A Slug", other + "@example.com", "en"), "slug", "tenant-slug-malformed");
        assertRefused(signUp("Fifth", "admin", other + "@example.com", "en"), "slug", "tenant-slug-reserved");
        assertRefused(signUp("Six\\u0000th", other, other + "@example.com", "en"), "organisationName",
                "text-control-character");
        assertRefused(signUp("Seventh", other, "not-an-address", "en"), "administratorEmail", "signup-email-malformed");
        assertRefused(signUp("Eighth", other, other + "@example.com", "fr"), "language", "language-unknown");
        assertRefused(signUp("Ninth", other, other + "@example.com", "en").replace("Asia/Shanghai", "Mars/Olympus"),
                "timeZone", "time-zone-unknown");

        assertThat(new EventStore(jdbc).of(other)).isEmpty();
        assertThat(OwnerJdbc.client().sql("select count(*) from staff_membership where tenant_id = ?").param(other)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anUnverifiedTenantsAdministratorHasNoPasswordSoNobodyCanSignInForIt() {
        String slug = slug();
        anonymous().post("/api/signups", signUp("Pending", slug, slug + "@example.com", "en"));
        assertThat(OwnerJdbc.client().sql("select password_hash is null and state = 'INVITED' from staff_person "
                + "where lower(email) = ?").param(slug + "@example.com").query(Boolean.class).single()).isTrue();
        assertThat(OwnerJdbc.client().sql("select status from tenant where tenant_id = ?").param(slug)
                .query(String.class).single()).isEqualTo("SIGNED_UP");
    }

    private void assertRefused(String body, String field, String rule) {
        Api.Response refused = anonymous().post("/api/signups", body);
        assertThat(refused.status()).as(body + " → " + refused.body()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo(field);
        assertThat(refused.text("rule")).isEqualTo(rule);
    }

    private EmbeddedMailSink.Mail mailTo(String address) {
        return SignedUpTenants.mailTo(mailbox, address);
    }

    private static String token(EmbeddedMailSink.Mail mail) {
        return SignedUpTenants.token(mail);
    }

    private static String slug() {
        return "pg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String signUp(String organisation, String slug, String email, String language) {
        return """
                {"organisationName":"%s","slug":"%s","country":"CN","currency":"CNY","timeZone":"Asia/Shanghai",
                 "language":"%s","administratorName":"王经理","administratorEmail":"%s"}"""
                .formatted(organisation, slug, language, email);
    }
}
