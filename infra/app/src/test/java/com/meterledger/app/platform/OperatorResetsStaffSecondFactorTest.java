package com.meterledger.app.platform;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.Totp;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16): a person who works for two tenants lost their phone; neither tenant's administrator may reset
 * their second factor (it is the person's in both), so a platform operator does. The operator finds the person by
 * exact e-mail address ({@code GET /api/platform/staff?email=}: the id, the name and the tenants, nothing more) and
 * resets it ({@code POST /api/platform/staff/{personId}/second-factor-removal}): {@code SecondFactorRemoved} in both
 * tenants with the operator as actor and no key, the refresh tokens deleted, the access tokens issued before refused.
 * Refusals: a person without one (422, naming the rule), an unknown person or address (404), a malformed address
 * (400 naming the field), a tenant's administrator (403).
 */
class OperatorResetsStaffSecondFactorTest extends IntegrationTest {
    private static final String PASSWORD = "a sentence of a few words";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SecondFactors secondFactors;
    @Autowired
    PlatformPeople operators;

    /** A person who works for two tenants, with a second factor, signed in at each. */
    private record Shared(String email, UUID person, String key, List<String> tenants, List<Api> sessions,
                          Api firstAdministrator) {
    }

    private Shared aPersonOfTwoTenantsWithASecondFactor() {
        SignedUpTenants.SignedUp first = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        SignedUpTenants.SignedUp second = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api firstAdmin = signedIn(PersonTokens.signIn(port, first.email(), first.password()).orElseThrow());
        Api secondAdmin = signedIn(PersonTokens.signIn(port, second.email(), second.password()).orElseThrow());
        String email = "shared-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        SignedUpTenants.inviteAndAccept(firstAdmin, anonymous(), mailbox, "Wang Shared", email, "FINANCE", PASSWORD);
        SignedUpTenants.inviteAndAccept(secondAdmin, anonymous(), mailbox, "Wang Shared", email, "AUDITOR", PASSWORD);
        UUID person = OwnerJdbc.client().sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(email).query(UUID.class).single();
        String key = Totp.newSecret();
        assertThat(secondFactors.enrol(person, key, Totp.code(key, Instant.now()))).isTrue();
        List<String> tenants = List.of(first.slug(), second.slug()).stream().sorted().toList();
        List<Api> sessions = tenants.stream().map(tenant -> signedIn(PersonTokens.signIn(port, email, PASSWORD,
                tenant, Totp.code(key, Instant.now())).orElseThrow())).toList();
        return new Shared(email, person, key, tenants, sessions, firstAdmin);
    }

    @Test
    void givenAPersonOfTwoTenantsWhoLostTheirPhoneWhenAnOperatorResetsItThenItGoesInBothAndTheirTokensEnd()
            throws InterruptedException {
        Shared shared = aPersonOfTwoTenantsWithASecondFactor();
        Api operator = operator();
        String actor = operator.get("/api/me").text("subject");
        Api.Response byAdministrator = shared.firstAdministrator()
                .post("/api/tenant/people/" + shared.person() + "/second-factor-removal", null);
        assertThat(byAdministrator.text("rule")).as("no tenant's administrator may")
                .isEqualTo("second-factor-reset-other-tenant");
        assertThat(shared.sessions()).allSatisfy(session -> assertThat(session.get("/api/me").status()).isEqualTo(200));
        assertThat(authorizationsOf(shared.person())).isPositive();

        Api.Response found = operator.get("/api/platform/staff?email=" + shared.email().toUpperCase(Locale.ROOT));
        assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
        assertThat(found.body().fieldNames()).toIterable().as("the id, the name and the tenants: nothing else")
                .containsExactlyInAnyOrder("personId", "name", "tenants");
        assertThat(found.text("personId")).isEqualTo(shared.person().toString());
        assertThat(found.text("name")).isEqualTo("Wang Shared");
        assertThat(found.body().get("tenants").toString())
                .isEqualTo("[\"" + String.join("\",\"", shared.tenants()) + "\"]");

        // token times are whole seconds: the reset must fall in a later second than the tokens it ends
        Thread.sleep(1100);
        Api.Response reset = operator.post("/api/platform/staff/" + shared.person() + "/second-factor-removal", null);

        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
        assertThat(secondFactors.enrolled(shared.person())).isFalse();
        List<String> members = OwnerJdbc.client().sql("select member_id from staff_membership where person_id = ?")
                .param(shared.person()).query(String.class).list();
        EventStore events = new EventStore(OwnerJdbc.client());
        assertThat(members).as("a removal in each tenant").hasSize(2).allSatisfy(member -> {
            List<EventStore.StoredEvent> removals = events.ofType(member, "SecondFactorRemoved");
            assertThat(removals).hasSize(1);
            EventStore.StoredEvent removal = removals.getFirst();
            assertThat(removal.metadata().get("actor").asText()).as("the operator").isEqualTo(actor);
            assertThat(removal.payload().toString() + removal.metadata()).doesNotContain(shared.key())
                    .doesNotContain(shared.email()).doesNotContain("Wang Shared");
        });
        assertThat(authorizationsOf(shared.person())).as("refresh tokens deleted").isZero();
        assertThat(shared.sessions()).as("the tokens issued before are refused in both tenants")
                .allSatisfy(session -> assertThat(session.get("/api/me").status()).isEqualTo(401));
        assertThat(operator.get("/api/platform/operators").status()).as("the operator's session goes on")
                .isEqualTo(200);
        assertThat(PersonTokens.signIn(port, shared.email(), PASSWORD, shared.tenants().getFirst()))
                .as("no code asked: the password alone signs in").isPresent();
    }

    @Test
    void givenAPersonOfTwoTenantsWhenTheyRemoveTheirOwnSignedInAtOneThenItIsRecordedInBothWithThemAsActor() {
        // given the person signed in at one of their two tenants
        Shared shared = aPersonOfTwoTenantsWithASecondFactor();
        Api session = shared.sessions().getFirst();

        // when they remove their own second factor with their password and a current code
        Api.Response removed = session.post("/api/me/second-factor-removal", "{\"password\":\"%s\",\"code\":\"%s\"}"
                .formatted(PASSWORD, Totp.code(shared.key(), Instant.now())));

        // then it is gone, and each tenant they work for records the removal with the person as actor
        assertThat(removed.status()).as("the other tenant's record is no reason to refuse: " + removed.body())
                .isEqualTo(200);
        assertThat(secondFactors.enrolled(shared.person())).isFalse();
        EventStore events = new EventStore(OwnerJdbc.client());
        List<String> members = OwnerJdbc.client().sql("select member_id from staff_membership where person_id = ?")
                .param(shared.person()).query(String.class).list();
        assertThat(members).hasSize(2).allSatisfy(member -> assertThat(events.ofType(member, "SecondFactorRemoved"))
                .singleElement().satisfies(removal -> assertThat(removal.metadata().get("actor").asText())
                        .as("the person, whichever tenant they signed in to").isEqualTo("person:" + shared.person())));
    }

    @Test
    void givenAPersonOfTwoTenantsWhenTheOtherTenantRequiresTheirSecondFactorThenRemovingItIsRefusedAndNothingChanges() {
        // given the tenant where the person is finance requires a second factor of administrators and finance
        Shared shared = aPersonOfTwoTenantsWithASecondFactor();
        String firstTenant = shared.firstAdministrator().get("/api/me").text("tenant");
        // (its administrator has no second factor to switch the policy on with, so the row is written directly)
        OwnerJdbc.client().sql("""
                        insert into tenant_second_factor_policy (tenant_id, required_for_admin_and_finance, changed_at)
                        values (?, true, now())
                        on conflict (tenant_id) do update set required_for_admin_and_finance = true""")
                .param(firstTenant).update();
        Api elsewhere = shared.sessions().get(shared.tenants().indexOf(firstTenant) == 0 ? 1 : 0);

        // when they ask to remove it, signed in at their other tenant, where they are an auditor
        Api.Response refused = elsewhere.post("/api/me/second-factor-removal", "{\"password\":\"%s\",\"code\":\"%s\"}"
                .formatted(PASSWORD, Totp.code(shared.key(), Instant.now())));

        // then the other tenant's rule refuses it, and the key stays
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("second-factor-required-by-tenant");
        assertThat(secondFactors.enrolled(shared.person())).isTrue();
    }

    @Test
    void givenEachRefusalThenItIsAProblemNamingTheRuleOrFieldAndNothingChanges() {
        Shared shared = aPersonOfTwoTenantsWithASecondFactor();
        Api operator = operator();
        String reset = "/api/platform/staff/%s/second-factor-removal";

        Api.Response byTenant = shared.firstAdministrator().post(reset.formatted(shared.person()), null);
        assertThat(byTenant.status()).as(byTenant.body().toString()).isEqualTo(403);
        assertThat(shared.firstAdministrator().get("/api/platform/staff?email=" + shared.email()).status())
                .isEqualTo(403);
        Api.Response unknown = operator.post(reset.formatted(UUID.randomUUID()), null);
        assertThat(unknown.status()).as(unknown.body().toString()).isEqualTo(404);
        assertThat(operator.post(reset.formatted("not-a-person"), null).status()).isEqualTo(404);
        Api.Response nobody = operator.get("/api/platform/staff?email=nobody-" + UUID.randomUUID() + "@example.cn");
        assertThat(nobody.status()).as(nobody.body().toString()).isEqualTo(404);
        Api.Response malformed = operator.get("/api/platform/staff?email=not-an-address");
        assertThat(malformed.status()).as(malformed.body().toString()).isEqualTo(400);
        assertThat(malformed.text("field")).isEqualTo("email");
        assertThat(secondFactors.enrolled(shared.person())).as("nothing removed").isTrue();
        assertThat(shared.sessions()).allSatisfy(session -> assertThat(session.get("/api/me").status()).isEqualTo(200));

        assertThat(operator.post(reset.formatted(shared.person()), null).status()).isEqualTo(200);
        Api.Response none = operator.post(reset.formatted(shared.person()), null);
        assertThat(none.status()).as(none.body().toString()).isEqualTo(422);
        assertThat(none.text("rule")).isEqualTo("platform-staff-second-factor-not-enrolled");
        assertThat(none.body().has("title")).as("a problem").isTrue();
        assertThat(OwnerJdbc.client().sql("select count(*) from staff_membership where person_id = ?")
                .param(shared.person()).query(Long.class).single()).isEqualTo(2);
    }

    private Api operator() {
        String email = "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@meterledger.test";
        operators.addWithPassword("Ops " + email.substring(9, 17), email, PASSWORD, "test-operator");
        return signedIn(PersonTokens.signIn(port, email, PASSWORD).orElseThrow());
    }

    private Api signedIn(String token) {
        return new Api("http://localhost:" + port, token);
    }

    private static long authorizationsOf(UUID person) {
        return OwnerJdbc.client().sql("select count(*) from oauth2_authorization where principal_name = ? "
                        + "or principal_name like ?")
                .params("person:" + person, "person:" + person + "@%").query(Long.class).single();
    }
}
