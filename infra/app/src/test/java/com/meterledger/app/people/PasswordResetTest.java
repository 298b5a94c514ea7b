package com.meterledger.app.people;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Self-service password reset through the API: asking answers the same for a known and an unknown address (and
 * mails only the known one, in the tenant's language); the mailed single-use link sets a new password (sign-up's
 * rules, the refusal names the rule), the old password and the tokens issued before stop working, the lockout count
 * starts again, and {@code PasswordChanged} (ids and actor only) is in the tenant's history. A used or expired link
 * is refused with its rule, and nothing is stored.
 */
class PasswordResetTest extends IntegrationTest {
    private static final Pattern LINK = Pattern.compile("https?://\\S+/password-reset/new\\?token=(\\S+)");
    private static final String NEW_PASSWORD = "a brand new sentence of words";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    JdbcClient jdbc;

    @Test
    void givenAKnownAndAnUnknownAddressWhenEachAsksForAResetThenTheAnswersAreTheSameAndOnlyTheKnownGetsAMail() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        Api.Response forUnknown = anonymous().post("/api/password-reset", "{\"email\":\"%s\"}".formatted(unknown));
        Api.Response forKnown = anonymous().post("/api/password-reset",
                "{\"email\":\"%s\"}".formatted(tenant.email()));

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forKnown.status()).isEqualTo(202);
        assertThat(forKnown.body()).isEqualTo(forUnknown.body());
        EmbeddedMailSink.Mail mail = resetMailTo(tenant.email());
        assertThat(mail.subject()).as("the tenant's language").isEqualTo("设置新的 MeterLedger 密码");
        assertThat(mailbox.messagesTo(unknown)).as("the known address's mail has arrived; none to the unknown")
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from staff_password_reset r join staff_person p using (person_id) "
                + "where lower(p.email) = lower(?)").param(unknown).query(Long.class).single()).isZero();

        Api.Response malformed = anonymous().post("/api/password-reset", "{\"email\":\"not-an-address\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("rule")).isEqualTo("person-email-malformed");
        assertThat(malformed.body().toString()).contains("email");
    }

    @Test
    void givenAMailedLinkWhenTheNewPasswordIsChosenThenOnlyItSignsInEarlierTokensEndAndTheTrailHasTheChange()
            throws InterruptedException {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api before = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), tenant.password()).orElseThrow());
        String subject = before.get("/api/me").text("subject");
        String personId = subject.substring("person:".length());
        // token times are whole seconds: the reset must fall in a later second than the token it ends
        Thread.sleep(1100);
        assertThat(anonymous().post("/api/password-reset", "{\"email\":\"%s\"}".formatted(tenant.email().toUpperCase()))
                .status()).isEqualTo(202);
        String token = linkIn(resetMailTo(tenant.email()));

        Api.Response weak = anonymous().post("/api/password-reset/completion",
                "{\"token\":\"%s\",\"password\":\"short\"}".formatted(token));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text("rule")).isEqualTo("password-too-weak");
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password()))
                .as("a refused password changes nothing").isPresent();
        jdbc.sql("update staff_person set failed_sign_ins = 3 where person_id = ?")
                .param(UUID.fromString(personId)).update();

        Api.Response changed = anonymous().post("/api/password-reset/completion",
                "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token, NEW_PASSWORD));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(jdbc.sql("select failed_sign_ins from staff_person where person_id = ?")
                .param(UUID.fromString(personId)).query(Integer.class).single())
                .as("the lockout count starts again").isZero();
        assertThat(before.get("/api/me").status()).as("the token issued before is refused").isEqualTo(401);
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password())).as("the old password").isEmpty();
        Api after = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, tenant.email(), NEW_PASSWORD).orElseThrow());
        assertThat(after.get("/api/me").text("tenant")).isEqualTo(tenant.slug());

        Api.Response reused = anonymous().post("/api/password-reset/completion",
                "{\"token\":\"%s\",\"password\":\"yet another sentence of words\"}".formatted(token));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("rule")).isEqualTo("password-reset-invalid");
        assertThat(PersonTokens.signIn(port, tenant.email(), NEW_PASSWORD)).as("nothing stored").isPresent();

        List<EventStore.StoredEvent> changes = await().atMost(Duration.ofSeconds(5)).until(
                () -> new EventStore(jdbc).of(memberOf(tenant.slug(), personId)).stream()
                        .filter(event -> event.type().equals("PasswordChanged")).toList(), list -> !list.isEmpty());
        assertThat(changes).hasSize(1);
        assertThat(changes.getFirst().metadata().get("actor").asText()).isEqualTo(subject);
        assertThat(changes.getFirst().payload().toString()).contains(personId).doesNotContain(tenant.email())
                .doesNotContain("$2");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Response trail = after.get("/api/audit/events?type=PasswordChanged&q=\"" + personId + "\"");
            assertThat(trail.status()).isEqualTo(200);
            assertThat(trail.body().get("entries")).isNotEmpty();
        });
    }

    @Test
    void givenAnExpiredLinkWhenANewPasswordIsSentThenTheRuleIsNamedAndThePasswordStaysAsItWas() throws Exception {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        UUID person = jdbc.sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(tenant.email()).query(UUID.class).single();
        String secret = "expired-" + UUID.randomUUID();
        jdbc.sql("insert into staff_password_reset (token_hash, person_id, expires_at) values (?, ?, ?)")
                .params(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(secret.getBytes(StandardCharsets.UTF_8))), person,
                        Timestamp.from(Instant.now().minusSeconds(60))).update();
        String hashBefore = passwordHash(person);

        for (String token : List.of(secret, "not-a-link", "")) {
            Api.Response refused = anonymous().post("/api/password-reset/completion",
                    "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token, NEW_PASSWORD));
            assertThat(refused.status()).as(token).isEqualTo(422);
            assertThat(refused.text("rule")).isEqualTo("password-reset-invalid");
        }
        assertThat(passwordHash(person)).isEqualTo(hashBefore);
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password())).isPresent();
    }

    private String passwordHash(UUID person) {
        return jdbc.sql("select password_hash from staff_person where person_id = ?").param(person)
                .query(String.class).single();
    }

    private EmbeddedMailSink.Mail resetMailTo(String email) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.messages().stream()
                .filter(mail -> mail.to().contains(email) && LINK.matcher(mail.body()).find())
                .reduce((first, second) -> second).orElse(null), mail -> mail != null);
    }

    static String linkIn(EmbeddedMailSink.Mail mail) {
        Matcher link = LINK.matcher(mail.body());
        assertThat(link.find()).as(mail.body()).isTrue();
        return link.group(1);
    }

    private String memberOf(String tenant, String personId) {
        return jdbc.sql("select member_id from staff_members_of(?) where tenant_id = ?")
                .params(UUID.fromString(personId), tenant).query(String.class).single();
    }
}
