package com.meterledger.app.people;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TotpCodes;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.people.SecondFactorRemovals;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.SignInGuard;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.StaffDirectory;
import com.meterledger.tenantadmin.people.Totp;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.tenantadmin.tenant.TenantSecondFactorPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * access (issue 16): a person removes their own second factor (to move it to a new phone) with
 * {@code POST /api/me/second-factor-removal}, confirming with their current password and the app's current code. A
 * wrong password or code is a 400 naming the field and its rule, counted towards the sign-in lockout, and removes
 * nothing; the fifth locks the person out and ends their sessions and tokens at once (the bearer token answers 401,
 * the refresh tokens are gone), and then even the right ones are refused. While their tenant requires a second
 * factor for their role the removal is a 422 naming the rule, and nothing changes. A removal is a
 * {@code SecondFactorRemoved} event in the person's tenant with the person as actor and no key; the next sign-in asks
 * no code, and a new key can be enrolled. An operator removes their own where the platform does not require one
 * ({@code PlatformSecondFactorRemoved}), and is refused where it does.
 */
class OwnSecondFactorRemovalTest extends IntegrationTest {
    private static final String REMOVAL = "/api/me/second-factor-removal";

    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    SecondFactors secondFactors;
    @Autowired
    PlatformPeople operators;
    @Autowired
    StaffDirectory staff;
    @Autowired
    SignInGuard guard;
    @Autowired
    TenantSecondFactorPolicy policies;

    /** A tenant's administrator with a second factor, signed in with password and code. */
    private record Enrolled(SignedUpTenants.SignedUp tenant, UUID person, String key, Api api) {
    }

    private Enrolled administratorWithASecondFactor() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        UUID person = OwnerJdbc.client().sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(tenant.email()).query(UUID.class).single();
        String key = Totp.newSecret();
        assertThat(secondFactors.enrol(person, key, Totp.code(key, Instant.now()))).isTrue();
        Api api = new Api("http://localhost:" + port, PersonTokens.signIn(port, tenant.email(), tenant.password(),
                null, Totp.code(key, Instant.now())).orElseThrow());
        return new Enrolled(tenant, person, key, api);
    }

    private static String body(String password, String code) {
        return "{\"password\":\"%s\",\"code\":\"%s\"}".formatted(password, code);
    }

    @Test
    void givenAPersonWithASecondFactorWhenTheyRemoveItWithPasswordAndCodeThenTheNextSignInAsksNoCode() {
        Enrolled admin = administratorWithASecondFactor();
        String password = admin.tenant().password();

        Api.Response wrongCode = admin.api().post(REMOVAL, body(password, TotpCodes.wrong(admin.key())));
        assertThat(wrongCode.status()).as(wrongCode.body().toString()).isEqualTo(400);
        assertThat(wrongCode.text("rule")).isEqualTo("second-factor-removal-code-wrong");
        assertThat(wrongCode.text("field")).isEqualTo("code");
        assertThat(failures(admin.person())).as("counted like a failed sign-in").isEqualTo(1);
        Api.Response wrongPassword = admin.api().post(REMOVAL, body("not the password at all",
                Totp.code(admin.key(), Instant.now())));
        assertThat(wrongPassword.status()).as(wrongPassword.body().toString()).isEqualTo(400);
        assertThat(wrongPassword.text("rule")).isEqualTo("second-factor-removal-password-wrong");
        assertThat(wrongPassword.text("field")).isEqualTo("password");
        assertThat(failures(admin.person())).isEqualTo(2);
        Api.Response missing = admin.api().post(REMOVAL, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("field")).isEqualTo("password");
        assertThat(failures(admin.person())).as("nothing typed is no attempt").isEqualTo(2);
        assertThat(secondFactors.enrolled(admin.person())).as("nothing removed").isTrue();
        assertThat(removals(admin.person())).isEmpty();

        Api.Response removed = admin.api().post(REMOVAL, body(password, Totp.code(admin.key(), Instant.now())));

        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
        assertThat(removed.body().get("enrolled").asBoolean()).isFalse();
        assertThat(secondFactors.enrolled(admin.person())).isFalse();
        assertThat(failures(admin.person())).as("both factors given: the count starts again").isZero();
        List<EventStore.StoredEvent> events = removals(admin.person());
        assertThat(events).hasSize(1);
        EventStore.StoredEvent event = events.getFirst();
        assertThat(event.metadata().get("actor").asText()).isEqualTo("person:" + admin.person());
        assertThat(event.payload().toString()).as("ids only").contains(admin.person().toString())
                .contains(admin.tenant().slug());
        assertThat(event.payload().toString() + event.metadata()).doesNotContain(admin.key())
                .doesNotContain(password).doesNotContain(admin.tenant().email());
        assertThat(admin.api().get("/api/me").status()).as("the session goes on").isEqualTo(200);
        Api.Response again = admin.api().post(REMOVAL, body(password, "123456"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("rule")).isEqualTo("second-factor-not-enrolled");

        assertThat(PersonTokens.signIn(port, admin.tenant().email(), password)).as("no code asked").isPresent();
        String newKey = Totp.newSecret();
        assertThat(secondFactors.enrol(admin.person(), newKey, Totp.code(newKey, Instant.now())))
                .as("a new phone enrols").isTrue();
        assertThat(PersonTokens.signIn(port, admin.tenant().email(), password)).as("the code again").isEmpty();
        assertThat(PersonTokens.signIn(port, admin.tenant().email(), password, null,
                Totp.code(newKey, Instant.now()))).isPresent();
    }

    @Test
    void givenATenantThatRequiresASecondFactorWhenAnAdministratorRemovesTheirsThenItIsRefusedAndNothingChanges() {
        Enrolled admin = administratorWithASecondFactor();
        String password = admin.tenant().password();
        Api.Response required = admin.api().put("/api/tenant/settings/second-factor",
                "{\"requiredForAdministratorsAndFinance\":true}");
        assertThat(required.status()).as(required.body().toString()).isEqualTo(200);

        Api.Response refused = admin.api().post(REMOVAL, body(password, Totp.code(admin.key(), Instant.now())));

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("second-factor-required-by-tenant");
        assertThat(refused.body().has("title")).as("a problem").isTrue();
        assertThat(secondFactors.enrolled(admin.person())).as("still on").isTrue();
        assertThat(removals(admin.person())).isEmpty();
        assertThat(failures(admin.person())).as("no failed attempt").isZero();
        assertThat(PersonTokens.signIn(port, admin.tenant().email(), password)).as("the code is still asked")
                .isEmpty();
    }

    @Test
    void givenFourWrongCodesWhenTheFifthLocksThePersonOutThenTheirSessionsAndTokensEndAndNothingIsRemoved() {
        Enrolled admin = administratorWithASecondFactor();
        String password = admin.tenant().password();
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThat(admin.api().post(REMOVAL, body(password, TotpCodes.wrong(admin.key()))).status()).isEqualTo(400);
        }
        assertThat(admin.api().get("/api/me").status()).as("four wrong codes end nothing yet").isEqualTo(200);
        assertThat(authorizations(admin.person())).as("the sign-in's refresh token is stored").isPositive();

        Api.Response locking = admin.api().post(REMOVAL, body(password, TotpCodes.wrong(admin.key())));

        assertThat(locking.status()).as(locking.body().toString()).isEqualTo(422);
        assertThat(locking.text("rule")).isEqualTo("second-factor-removal-signed-out");
        assertThat(admin.api().get("/api/me").status()).as("the bearer token is refused at once").isEqualTo(401);
        assertThat(admin.api().post(REMOVAL, body(password, Totp.code(admin.key(), Instant.now()))).status())
                .as("the session that guessed removes nothing more").isEqualTo(401);
        assertThat(authorizations(admin.person())).as("refresh tokens deleted").isZero();
        assertThat(secondFactors.enrolled(admin.person())).isTrue();
        assertThat(removals(admin.person())).isEmpty();
        assertThat(new EventStore(OwnerJdbc.client()).ofType(memberOf(admin.person()), "SignInLockedOut"))
                .as("the lockout is the sign-in's").hasSize(1);
        RuleViolation locked = catchThrowableOfType(RuleViolation.class, () -> new SecondFactorRemovals(secondFactors,
                staff, guard, new SignInSteps(staff, secondFactors, guard, policies, operators, false), operators)
                .removeOwn("person:" + admin.person(), password, Totp.code(admin.key(), Instant.now())));
        assertThat(locked.rule()).as("even the right ones, while locked").isEqualTo("second-factor-removal-locked-out");
        assertThat(PersonTokens.signIn(port, admin.tenant().email(), password, null,
                Totp.code(admin.key(), Instant.now()))).as("locked at sign-in too").isEmpty();
    }

    @Test
    void givenAnOperatorWhenTheyRemoveTheirOwnThenItIsAnEventWhereThePlatformDoesNotRequireOneAndRefusedWhereItDoes() {
        String password = "the operator's long sentence";
        String email = "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@meterledger.test";
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", email, password, "test-operator");
        String key = Totp.newSecret();
        assertThat(operators.enrolSecondFactor(operator.personId(), key, Totp.code(key, Instant.now()),
                operator.principal())).isTrue();

        // the platform's requirement as production has it (the tests' profile turns it off): refused, nothing changes
        SecondFactorRemovals whereRequired = new SecondFactorRemovals(secondFactors, staff, guard,
                new SignInSteps(staff, secondFactors, guard, policies, operators, true), operators);
        RuleViolation refused = catchThrowableOfType(RuleViolation.class,
                () -> whereRequired.removeOwn(operator.principal(), password, Totp.code(key, Instant.now())));
        assertThat(refused.rule()).isEqualTo("platform-second-factor-required");
        assertThat(operators.secondFactorEnrolled(operator.personId())).isTrue();

        Api api = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, email, password, null, Totp.code(key, Instant.now())).orElseThrow());
        Api.Response removed = api.post(REMOVAL, body(password, Totp.code(key, Instant.now())));

        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
        assertThat(operators.secondFactorEnrolled(operator.personId())).isFalse();
        EventStore.StoredEvent event = new EventStore(OwnerJdbc.client())
                .ofType(PlatformPersonId.of(operator.personId()).value(), "PlatformSecondFactorRemoved").getFirst();
        assertThat(event.payload().get("removedBy").asText()).isEqualTo(operator.principal());
        assertThat(event.metadata().get("actor").asText()).isEqualTo(operator.principal());
        assertThat(event.payload().toString() + event.metadata()).doesNotContain(key).doesNotContain(email);
        assertThat(OwnerJdbc.client().sql("select change from platform_person_change where person_id = ? "
                        + "order by change_id").param(operator.personId()).query(String.class).list())
                .containsExactly("ADDED", "SECOND_FACTOR_ENROLLED", "SECOND_FACTOR_REMOVED");
        assertThat(api.get("/api/platform/operators").status()).as("their own session goes on").isEqualTo(200);
        assertThat(PersonTokens.signIn(port, email, password)).as("no code asked").isPresent();
    }

    @Test
    void givenAMachineClientWhenItAsksToRemoveASecondFactorThenThereIsNoneToRemove() {
        Api.Response none = as(TENANT_A).post(REMOVAL, body("whatever it is", "123456"));

        assertThat(none.status()).as(none.body().toString()).isEqualTo(422);
        assertThat(none.text("rule")).isEqualTo("second-factor-not-enrolled");
    }

    private static String memberOf(UUID person) {
        return OwnerJdbc.client().sql("select member_id from staff_membership where person_id = ?").param(person)
                .query(String.class).single();
    }

    private static List<EventStore.StoredEvent> removals(UUID person) {
        return new EventStore(OwnerJdbc.client()).ofType(memberOf(person), "SecondFactorRemoved");
    }

    private static long authorizations(UUID person) {
        return OwnerJdbc.client().sql("select count(*) from oauth2_authorization where principal_name = ? "
                + "or principal_name like ?").params("person:" + person, "person:" + person + "@%")
                .query(Long.class).single();
    }

    private static int failures(UUID person) {
        return OwnerJdbc.client().sql("select failed_sign_ins from staff_person where person_id = ?").param(person)
                .query(Integer.class).single();
    }
}
