package com.meterledger.app.people;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.edge.security.KeyCipher;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.Totp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * People as data through the API: a tenant administrator invites a property manager scoped to one property, the
 * mailed single-use link makes them a member with a password of their own, their token carries only that property,
 * and deactivation ends their access at once. Every refusal is a 4xx naming its rule, and nothing is stored.
 */
class PeopleTest extends IntegrationTest {
    private static final Pattern LINK = Pattern.compile("https?://\\S+/invitation\\?token=(\\S+)");
    private static final String PASSWORD = "a sentence of a few words";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecondFactors secondFactors;
    @Autowired
    KeyCipher cipher;

    @Test
    void givenAnInvitedManagerWhenTheyAcceptThenTheySeeOnlyTheirPropertyUntilTheyAreDeactivated() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api admin = personApi(tenant.email(), tenant.password());
        String managed = "harbour-" + suffix();
        String other = "hillside-" + suffix();
        assertThat(admin.post("/api/properties", "{\"propertyId\":\"%s\",\"name\":\"Harbour\"}".formatted(managed))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/properties", "{\"propertyId\":\"%s\",\"name\":\"Hillside\"}".formatted(other))
                .status()).isEqualTo(201);
        String email = "manager-" + suffix() + "@example.cn";

        Api.Response invited = admin.post("/api/tenant/people", """
                {"name":"李经理","email":"%s","roles":["PROPERTY_MANAGER"],"properties":["%s"]}"""
                .formatted(email, managed));
        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(201);
        String personId = invited.body().get("person").get("personId").asText();
        assertThat(invited.body().get("person").get("state").asText()).isEqualTo("INVITED");
        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("no sign-in before acceptance").isEmpty();

        String token = invitationToken(email);
        Api.Response weak = anonymous().post("/api/invitations/acceptance",
                "{\"token\":\"%s\",\"password\":\"short\"}".formatted(token));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text("rule")).isEqualTo("password-too-weak");
        assertThat(admin.get("/api/tenant/people/" + personId).text("state")).isEqualTo("INVITED");

        Api.Response accepted = anonymous().post("/api/invitations/acceptance",
                "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token, PASSWORD));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        assertThat(accepted.text("tenantId")).isEqualTo(tenant.slug());
        Api.Response reused = anonymous().post("/api/invitations/acceptance",
                "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token, PASSWORD));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("rule")).isEqualTo("invitation-invalid");
        assertThat(admin.get("/api/tenant/people/" + personId).text("state")).isEqualTo("ACTIVE");

        String managerToken = PersonTokens.signIn(port, email, PASSWORD).orElseThrow();
        Api manager = new Api("http://localhost:" + port, managerToken);
        Api.Response me = manager.get("/api/me");
        assertThat(me.text("tenant")).isEqualTo(tenant.slug());
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"PROPERTY_MANAGER\"]");
        assertThat(me.body().get("properties").toString()).isEqualTo("[\"" + managed + "\"]");
        assertThat(manager.get("/api/properties").body().findValuesAsText("propertyId")).containsExactly(managed);
        assertThat(manager.get("/api/tenant/people").status()).isEqualTo(403);

        Api.Response deactivated = admin.post("/api/tenant/people/" + personId + "/deactivation", null);
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.text("state")).isEqualTo("DEACTIVATED");
        assertThat(manager.get("/api/me").status()).as("the token issued before is refused at once").isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?")
                .param("person:" + personId).query(Long.class).single()).isZero();
        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("no sign-in after deactivation").isEmpty();

        List<EventStore.StoredEvent> history = new EventStore(jdbc).of(memberOf(personId));
        assertThat(history).extracting(EventStore.StoredEvent::type)
                .containsExactly("PersonInvited", "InvitationAccepted", "PersonDeactivated");
        String administrator = admin.get("/api/me").text("subject");
        assertThat(history).extracting(event -> event.metadata().get("actor").asText())
                .containsExactly(administrator, "person:" + personId, administrator);
        assertThat(history).allSatisfy(event -> {
            assertThat(event.payload().toString()).doesNotContain(email).doesNotContain("李经理");
            assertThat(event.metadata().toString()).doesNotContain(email);
        });
        // the auditor's trail finds the access change by its type and by the person's id
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Response trail = admin.get("/api/audit/events?type=PersonDeactivated&q=\"" + personId + "\"");
            assertThat(trail.status()).isEqualTo(200);
            assertThat(trail.body().get("entries")).isNotEmpty();
            assertThat(trail.body().get("entries").get(0).get("summary").asText())
                    .startsWith("Person deactivated").contains(personId);
            assertThat(trail.body().get("entries").get(0).get("actor").asText()).isEqualTo(administrator);
        });
    }

    @Test
    void givenTheOnlyAdministratorWhenTheyWouldBeDeactivatedOrLoseTheRoleThenTheRuleIsNamedAndNothingChanges() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api admin = personApi(tenant.email(), tenant.password());
        String adminId = admin.get("/api/tenant/people").body().get(0).get("personId").asText();

        Api.Response deactivation = admin.post("/api/tenant/people/" + adminId + "/deactivation", null);
        assertThat(deactivation.status()).isEqualTo(422);
        assertThat(deactivation.text("rule")).isEqualTo("person-last-administrator");
        Api.Response demotion = admin.put("/api/tenant/people/" + adminId + "/roles",
                "{\"roles\":[\"FINANCE\"],\"properties\":[]}");
        assertThat(demotion.status()).isEqualTo(422);
        assertThat(demotion.text("rule")).isEqualTo("person-last-administrator");
        Api.Response self = admin.get("/api/tenant/people/" + adminId);
        assertThat(self.text("state")).isEqualTo("ACTIVE");
        assertThat(self.body().get("roles").toString()).isEqualTo("[\"TENANT_ADMIN\"]");
    }

    @Test
    void givenBadInvitationsWhenSentThenEachIsA4xxNamingItsRuleAndNothingIsStored() {
        Api admin = as(TENANT_A);
        String property = "people-" + suffix();
        assertThat(admin.post("/api/properties", "{\"propertyId\":\"%s\",\"name\":\"People\"}".formatted(property))
                .status()).isIn(201);
        String email = "finance-" + suffix() + "@example.com";
        int before = admin.get("/api/tenant/people").body().size();

        assertRefused(admin, "{\"name\":\"X\",\"email\":\"not-an-address\",\"roles\":[\"FINANCE\"]}", 400,
                "person-email-malformed", "email");
        assertRefused(admin, "{\"name\":\"X\",\"email\":\"%s\",\"roles\":[\"GATEWAY\"]}".formatted(email), 400,
                "person-role-not-grantable", "roles");
        assertRefused(admin, "{\"name\":\"X\",\"email\":\"%s\",\"roles\":[\"PROPERTY_MANAGER\"]}".formatted(email),
                400, "person-manager-without-properties", "properties");
        assertRefused(admin, ("{\"name\":\"X\",\"email\":\"%s\",\"roles\":[\"PROPERTY_MANAGER\"],"
                + "\"properties\":[\"managed-b\"]}").formatted(email), 400, "person-property-unknown", "properties");
        assertRefused(admin, "{\"name\":\"\",\"email\":\"%s\",\"roles\":[\"FINANCE\"]}".formatted(email), 400,
                "person-name-required", "name");
        assertThat(admin.get("/api/tenant/people").body().size()).as("nothing stored").isEqualTo(before);
        assertThat(mailbox.messages()).noneMatch(mail -> mail.to().contains(email));

        Api.Response first = admin.post("/api/tenant/people",
                "{\"name\":\"Finance\",\"email\":\"%s\",\"roles\":[\"FINANCE\"]}".formatted(email));
        assertThat(first.status()).isEqualTo(201);
        assertRefused(admin, "{\"name\":\"Again\",\"email\":\"%s\",\"roles\":[\"AUDITOR\"]}"
                .formatted(email.toUpperCase()), 422, "person-already-member", null);
        assertThat(admin.get("/api/tenant/people").body().size()).isEqualTo(before + 1);
    }

    @Test
    void givenAnotherTenantWhenItReadsOrChangesThisTenantsPersonThenItFindsNoSuchPerson() {
        String email = "auditor-" + suffix() + "@example.com";
        Api.Response invited = as(TENANT_A).post("/api/tenant/people",
                "{\"name\":\"Auditor\",\"email\":\"%s\",\"roles\":[\"AUDITOR\"]}".formatted(email));
        assertThat(invited.status()).isEqualTo(201);
        String personId = invited.body().get("person").get("personId").asText();
        Api other = as(TENANT_B);

        assertThat(other.get("/api/tenant/people/" + personId).status()).isEqualTo(404);
        assertThat(other.post("/api/tenant/people/" + personId + "/deactivation", null).status()).isEqualTo(404);
        assertThat(other.put("/api/tenant/people/" + personId + "/roles", "{\"roles\":[\"FINANCE\"]}").status())
                .isEqualTo(404);
        assertThat(other.get("/api/tenant/people").body().toString()).doesNotContain(personId).doesNotContain(email);
        assertThat(as(TENANT_A).get("/api/tenant/people/" + personId).text("state")).isEqualTo("INVITED");
        // the same address is a person of its own in tenant B: an invitation there is no clash and reveals nothing
        Api.Response there = other.post("/api/tenant/people",
                "{\"name\":\"Auditor\",\"email\":\"%s\",\"roles\":[\"AUDITOR\"]}".formatted(email));
        assertThat(there.status()).isEqualTo(201);
    }

    @Test
    void givenAPersonOfTwoTenantsWhenSigningInThenTheyPickOneAndTheTokenIsThatTenantsOnly() {
        SignedUpTenants.SignedUp first = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        SignedUpTenants.SignedUp second = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        String email = "both-" + suffix() + "@example.cn";
        SignedUpTenants.inviteAndAccept(personApi(first.email(), first.password()), anonymous(), mailbox, "Both", email,
                "FINANCE", PASSWORD);
        Api.Response intoSecond = personApi(second.email(), second.password()).post("/api/tenant/people",
                "{\"name\":\"Both\",\"email\":\"%s\",\"roles\":[\"AUDITOR\"]}".formatted(email));
        assertThat(intoSecond.status()).isEqualTo(201);
        // known already: accepting needs no new password, and keeps the one they have
        Api.Response accepted = anonymous().post("/api/invitations/acceptance",
                "{\"token\":\"%s\"}".formatted(invitationToken(email)));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        assertThat(accepted.body().get("chosePassword").asBoolean()).isFalse();

        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("no token before a tenant is picked").isEmpty();
        assertThat(PersonTokens.signIn(port, email, PASSWORD, "tenant-a")).as("only their own tenants").isEmpty();
        Api inSecond = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, email, PASSWORD, second.slug()).orElseThrow());
        Api.Response me = inSecond.get("/api/me");
        assertThat(me.text("tenant")).isEqualTo(second.slug());
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"AUDITOR\"]");
        Api inFirst = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, email, PASSWORD, first.slug()).orElseThrow());
        assertThat(inFirst.get("/api/me").text("tenant")).isEqualTo(first.slug());
        assertThat(inFirst.get("/api/me").body().get("roles").toString()).isEqualTo("[\"FINANCE\"]");
    }

    @Test
    void givenFiveWrongPasswordsWhenThePersonTriesAgainThenTheyAreLockedOutAndTheLockoutIsAnEvent() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(PersonTokens.signIn(port, tenant.email(), "not the password " + attempt)).isEmpty();
        }
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password())).as("locked, even with the password")
                .isEmpty();
        String adminId = jdbc.sql("select person_id::text from staff_person where lower(email) = lower(?)")
                .param(tenant.email()).query(String.class).single();
        EventStore.StoredEvent lockout = new EventStore(jdbc).ofType(memberOf(adminId), "SignInLockedOut").getFirst();
        assertThat(lockout.payload().get("failures").asInt()).isEqualTo(5);
        assertThat(lockout.payload().toString()).doesNotContain(tenant.email());
        assertThat(lockout.metadata().get("tenantId").asText()).isEqualTo(tenant.slug());
        assertThat(jdbc.sql("select locked_until > now() + interval '50 seconds' from staff_person where person_id = ?")
                .param(UUID.fromString(adminId)).query(Boolean.class).single()).as("locked for a minute").isTrue();
    }

    @Test
    void givenASecondFactorWhenFiveWrongCodesFollowTheRightPasswordThenThePersonIsLockedOutAsForPasswords() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        UUID admin = jdbc.sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(tenant.email()).query(UUID.class).single();
        String secret = Totp.newSecret();
        assertThat(secondFactors.enrol(admin, secret, Totp.code(secret, Instant.now()))).isTrue();
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password())).as("the password alone").isEmpty();
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password(), null,
                Totp.code(secret, Instant.now()))).isPresent();

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password(), null, "000000".equals(
                    Totp.code(secret, Instant.now())) ? "111111" : "000000")).isEmpty();
        }
        assertThat(PersonTokens.signIn(port, tenant.email(), tenant.password(), null,
                Totp.code(secret, Instant.now()))).as("locked, even with the password and the code").isEmpty();
        List<String> types = new EventStore(jdbc).typesOf(memberOf(admin.toString()));
        assertThat(types).contains("SecondFactorEnrolled", "SignInLockedOut");
        assertThat(new EventStore(jdbc).of(memberOf(admin.toString())).toString()).doesNotContain(secret);
    }

    @Test
    void givenASecondFactorWhenEnrolledOrStoredInClearByAnEarlierVersionThenTheTableHoldsItSealedOnly() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        UUID admin = jdbc.sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(tenant.email()).query(UUID.class).single();
        String secret = Totp.newSecret();

        assertThat(secondFactors.enrol(admin, secret, Totp.code(secret, Instant.now()))).isTrue();

        assertSealedOnly(admin, secret);
        assertThat(secondFactors.verify(admin, Totp.code(secret, Instant.now()))).isTrue();

        String earlier = Totp.newSecret();
        jdbc.sql("update staff_person set totp_secret = ?, totp_key_sealed = null where person_id = ?")
                .params(earlier, admin).update();
        secondFactors.run(null);

        assertSealedOnly(admin, earlier);
        assertThat(secondFactors.verify(admin, Totp.code(earlier, Instant.now()))).as("the same key, sealed").isTrue();
        byte[] sealed = jdbc.sql("select totp_key_sealed from staff_person where person_id = ?").param(admin)
                .query(byte[].class).single();
        assertThat(cipher.decrypt("totp:" + admin, sealed)).asString().isEqualTo(earlier);
        assertThatThrownBy(() -> cipher.decrypt("totp:" + UUID.randomUUID(), sealed))
                .as("moved to another person's row, it does not open").isInstanceOf(KeyCipher.WrongKey.class);
    }

    /** No clear key in the row: the clear column is empty and the sealed one holds neither the key nor its bytes. */
    private void assertSealedOnly(UUID person, String secret) {
        assertThat(jdbc.sql("select totp_secret from staff_person where person_id = ?").param(person)
                .query(String.class).optional()).isEmpty();
        byte[] sealed = jdbc.sql("select totp_key_sealed from staff_person where person_id = ?").param(person)
                .query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from staff_person where person_id = ? and (encode(totp_key_sealed, "
                        + "'escape') like '%' || ? || '%' or encode(totp_key_sealed, 'hex') like '%' || ? || '%')")
                .params(person, secret, java.util.HexFormat.of().formatHex(
                        secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).query(Long.class).single())
                .isZero();
    }

    private static void assertRefused(Api admin, String body, int status, String rule, String field) {
        Api.Response answer = admin.post("/api/tenant/people", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.text("rule")).isEqualTo(rule);
        if (field != null) {
            assertThat(answer.body().toString()).contains(field);
        }
    }

    private Api personApi(String email, String password) {
        return new Api("http://localhost:" + port, PersonTokens.signIn(port, email, password).orElseThrow());
    }

    private String invitationToken(String email) {
        EmbeddedMailSink.Mail mail = SignedUpTenants.mailTo(mailbox, email);
        Matcher link = LINK.matcher(mail.body());
        assertThat(link.find()).as(mail.body()).isTrue();
        return link.group(1);
    }

    private String memberOf(String personId) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("""
                        select aggregate_identifier from domain_event_entry
                        where payload_type like '%PersonInvited' and convert_from(payload, 'UTF8') like ?""")
                .param("%" + personId + "%").query(String.class).optional(), found -> found.isPresent()).orElseThrow();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
