package com.meterledger.app.people;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestPeople;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.Totp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16): a tenant's administrator resets the second factor of a person who lost their phone with
 * {@code POST /api/tenant/people/{personId}/second-factor-removal}. The key goes as {@code SecondFactorRemoved} with
 * the administrator as actor and no key; the person's sessions and refresh tokens end at once, and where the tenant
 * requires a second factor their next sign-in enrols a new one. Refused as problems naming the rule, nothing changed:
 * a person without one (422), the administrator's own (422: they remove it themselves), a person who also works for
 * another tenant (422: the key would go there too), a caller who is no administrator (403), a person of another
 * tenant (404).
 */
class SecondFactorResetTest extends IntegrationTest {
    private static final String PASSWORD = "a sentence of a few words";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SecondFactors secondFactors;

    /** A signed-up tenant's administrator with a second factor, signed in with password and code. */
    private record Administrator(SignedUpTenants.SignedUp tenant, UUID person, String key, Api api) {
    }

    private Administrator administratorWithASecondFactor() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        UUID person = personId(tenant.email());
        String key = Totp.newSecret();
        assertThat(secondFactors.enrol(person, key, Totp.code(key, Instant.now()))).isTrue();
        Api api = new Api("http://localhost:" + port, PersonTokens.signIn(port, tenant.email(), tenant.password(),
                null, Totp.code(key, Instant.now())).orElseThrow());
        return new Administrator(tenant, person, key, api);
    }

    @Test
    void givenATenantThatRequiresASecondFactorWhenTheAdministratorResetsALostOneThenTheSessionsEndAndTheNextSignInEnrols() {
        Administrator admin = administratorWithASecondFactor();
        String finance = invite(admin.api(), "FINANCE");
        UUID financeId = personId(finance);
        String lostKey = Totp.newSecret();
        assertThat(secondFactors.enrol(financeId, lostKey, Totp.code(lostKey, Instant.now()))).isTrue();
        assertThat(admin.api().put("/api/tenant/settings/second-factor",
                "{\"requiredForAdministratorsAndFinance\":true}").status()).isEqualTo(200);
        Api financeApi = new Api("http://localhost:" + port, PersonTokens.signIn(port, finance, PASSWORD, null,
                Totp.code(lostKey, Instant.now())).orElseThrow());
        assertThat(financeApi.get("/api/me").status()).isEqualTo(200);
        assertThat(authorizationsOf(financeId)).as("the issuer keeps the finance person's grant").isPositive();
        assertThat(admin.api().get("/api/tenant/people/" + financeId).body().get("secondFactor").asBoolean()).isTrue();

        Api.Response reset = admin.api().post("/api/tenant/people/" + financeId + "/second-factor-removal", null);

        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
        assertThat(reset.body().get("secondFactor").asBoolean()).isFalse();
        assertThat(secondFactors.enrolled(financeId)).isFalse();
        List<EventStore.StoredEvent> events = new EventStore(OwnerJdbc.client())
                .ofType(memberOf(financeId), "SecondFactorRemoved");
        assertThat(events).hasSize(1);
        EventStore.StoredEvent event = events.getFirst();
        assertThat(event.metadata().get("actor").asText()).as("the administrator, not the person")
                .startsWith("person:" + admin.person());
        assertThat(event.payload().toString()).contains(financeId.toString()).contains(admin.tenant().slug());
        assertThat(event.payload().toString() + event.metadata()).doesNotContain(lostKey).doesNotContain(finance)
                .doesNotContain(admin.key());
        assertThat(authorizationsOf(financeId)).as("refresh tokens and codes deleted").isZero();
        assertThat(financeApi.get("/api/me").status()).as("the old token ends at once").isEqualTo(401);
        assertThat(admin.api().get("/api/me").status()).as("the administrator's session goes on").isEqualTo(200);

        assertThat(PersonTokens.signIn(port, finance, PASSWORD, null, Totp.code(lostKey, Instant.now())))
                .as("the lost phone's code opens nothing").isEmpty();
        assertThat(PersonTokens.signIn(port, finance, PASSWORD, null, null, offered -> {
            assertThat(offered).isNotEqualTo(lostKey);
            return Totp.code(offered, Instant.now());
        })).as("the next sign-in enrols a new key").isPresent();
        assertThat(secondFactors.enrolled(financeId)).isTrue();
    }

    @Test
    void givenATenantThatDoesNotRequireOneWhenTheAdministratorResetsItThenTheRefreshTokensEndAndThePasswordAloneSignsIn() {
        Administrator admin = administratorWithASecondFactor();
        String auditor = invite(admin.api(), "AUDITOR");
        UUID auditorId = personId(auditor);
        String lostKey = Totp.newSecret();
        assertThat(secondFactors.enrol(auditorId, lostKey, Totp.code(lostKey, Instant.now()))).isTrue();
        assertThat(PersonTokens.signIn(port, auditor, PASSWORD, null, Totp.code(lostKey, Instant.now())))
                .isPresent();

        Api.Response reset = admin.api().post("/api/tenant/people/" + auditorId + "/second-factor-removal", null);

        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
        assertThat(authorizationsOf(auditorId)).isZero();
        assertThat(OwnerJdbc.client().sql("select second_factor_reset_at is not null from staff_person "
                + "where person_id = ?").param(auditorId).query(Boolean.class).single())
                .as("access tokens issued before now are refused").isTrue();
        assertThat(PersonTokens.signIn(port, auditor, PASSWORD)).as("no code asked").isPresent();
    }

    @Test
    void givenEachRefusalThenItIsAProblemNamingTheRuleAndNothingChanges() {
        Administrator admin = administratorWithASecondFactor();
        String finance = invite(admin.api(), "FINANCE");
        UUID financeId = personId(finance);
        String auditor = invite(admin.api(), "AUDITOR");
        UUID auditorId = personId(auditor);
        String key = Totp.newSecret();
        assertThat(secondFactors.enrol(auditorId, key, Totp.code(key, Instant.now()))).isTrue();

        Api.Response none = admin.api().post("/api/tenant/people/" + financeId + "/second-factor-removal", null);
        assertThat(none.status()).as(none.body().toString()).isEqualTo(422);
        assertThat(none.text("rule")).isEqualTo("second-factor-reset-not-enrolled");
        assertThat(none.body().has("title")).as("a problem").isTrue();

        Api.Response own = admin.api().post("/api/tenant/people/" + admin.person() + "/second-factor-removal", null);
        assertThat(own.status()).as(own.body().toString()).isEqualTo(422);
        assertThat(own.text("rule")).isEqualTo("second-factor-reset-own");
        assertThat(secondFactors.enrolled(admin.person())).as("the administrator's own stays").isTrue();

        Api financeApi = new Api("http://localhost:" + port, PersonTokens.signIn(port, finance, PASSWORD)
                .orElseThrow());
        Api.Response notAdministrator = financeApi.post("/api/tenant/people/" + auditorId
                + "/second-factor-removal", null);
        assertThat(notAdministrator.status()).as(notAdministrator.body().toString()).isEqualTo(403);

        Api otherTenant = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, TestPeople.ADMIN_B, TestPeople.PASSWORD).orElseThrow());
        Api.Response foreign = otherTenant.post("/api/tenant/people/" + auditorId + "/second-factor-removal", null);
        assertThat(foreign.status()).as(foreign.body().toString()).isEqualTo(404);
        assertThat(foreign.body().toString()).doesNotContain(auditor);
        Api.Response malformed = admin.api().post("/api/tenant/people/not-a-person/second-factor-removal", null);
        assertThat(malformed.status()).isEqualTo(404);

        assertThat(secondFactors.enrolled(auditorId)).as("nothing removed").isTrue();
        assertThat(new EventStore(OwnerJdbc.client()).ofType(memberOf(auditorId), "SecondFactorRemoved")).isEmpty();
        assertThat(new EventStore(OwnerJdbc.client()).ofType(memberOf(admin.person()), "SecondFactorRemoved"))
                .isEmpty();
        assertThat(PersonTokens.signIn(port, auditor, PASSWORD)).as("the code is still asked").isEmpty();
    }

    /**
     * The key is the person's, not a tenant's: one tenant's administrator may not take away the key a person also
     * signs in with at another tenant, whose rules that administrator does not set.
     */
    @Test
    void givenAPersonWhoAlsoWorksForAnotherTenantWhenOneAdministratorResetsTheirSecondFactorThenItIsRefusedAndStays() {
        Administrator first = administratorWithASecondFactor();
        Administrator second = administratorWithASecondFactor();
        String shared = invite(first.api(), "FINANCE");
        UUID person = personId(shared);
        invite(second.api(), "AUDITOR", shared);
        String key = Totp.newSecret();
        assertThat(secondFactors.enrol(person, key, Totp.code(key, Instant.now()))).isTrue();

        Api.Response refused = first.api().post("/api/tenant/people/" + person + "/second-factor-removal", null);

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("second-factor-reset-other-tenant");
        assertThat(refused.body().has("title")).as("a problem").isTrue();
        assertThat(secondFactors.enrolled(person)).as("the key stays").isTrue();
        EventStore events = new EventStore(OwnerJdbc.client());
        assertThat(OwnerJdbc.client().sql("select member_id from staff_membership where person_id = ?").param(person)
                .query(String.class).list()).hasSize(2)
                .allSatisfy(member -> assertThat(events.ofType(member, "SecondFactorRemoved")).isEmpty());
        assertThat(PersonTokens.signIn(port, shared, PASSWORD)).as("the code is still asked").isEmpty();
    }

    private String invite(Api admin, String role) {
        return invite(admin, role, role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.cn");
    }

    private String invite(Api admin, String role, String email) {
        SignedUpTenants.inviteAndAccept(admin, anonymous(), mailbox, role, email, role, PASSWORD);
        return email;
    }

    private static UUID personId(String email) {
        return OwnerJdbc.client().sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(email).query(UUID.class).single();
    }

    private static String memberOf(UUID person) {
        return OwnerJdbc.client().sql("select member_id from staff_membership where person_id = ?").param(person)
                .query(String.class).single();
    }

    private static long authorizationsOf(UUID person) {
        return OwnerJdbc.client().sql("select count(*) from oauth2_authorization where principal_name = ? "
                        + "or principal_name like ?")
                .params("person:" + person, "person:" + person + "@%").query(Long.class).single();
    }
}
