package com.meterledger.app.platform;

import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.TotpCodes;
import com.meterledger.tenantadmin.people.OperatorSignIns;
import com.meterledger.tenantadmin.people.SecondFactors;
import com.meterledger.tenantadmin.people.SignInGuard;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.StaffDirectory;
import com.meterledger.tenantadmin.people.Totp;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.tenantadmin.tenant.TenantSecondFactorPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16 item 2): a platform operator's second factor goes through the staff's sign-in steps. With one,
 * the password alone issues no token; a wrong code is refused and counted towards the operator's lockout (five make
 * a {@code PlatformSignInLockedOut}); the token comes only after the right code. Enrolment is a
 * {@code PlatformSecondFactorEnrolled} event with its actor and no key, and the key is stored sealed. Where the
 * platform requires a second factor (production's default), an operator without one is sent from the password to the
 * enrolment step, and their older sessions and tokens stop working until they have one.
 */
class PlatformSecondFactorTest extends IntegrationTest {
    private static final String PASSWORD = "the operator's long sentence";

    @Autowired
    PlatformPeople operators;
    @Autowired
    SecondFactors secondFactors;
    @Autowired
    StaffDirectory staff;
    @Autowired
    SignInGuard guard;
    @Autowired
    TenantSecondFactorPolicy policies;

    @Test
    void givenAnOperatorWithASecondFactorWhenTheySignInThenATokenIsIssuedOnlyAfterTheRightCode() {
        String email = newAddress();
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator");
        String key = Totp.newSecret();
        String actor = "platform:" + operator.personId();
        assertThat(operators.enrolSecondFactor(operator.personId(), key, TotpCodes.wrong(key), actor))
                .as("a code the key does not make keeps nothing").isFalse();
        assertThat(operators.secondFactorEnrolled(operator.personId())).isFalse();
        assertThat(operators.enrolSecondFactor(operator.personId(), key, Totp.code(key, Instant.now()), actor))
                .isTrue();

        EventStore.StoredEvent enrolled = new EventStore(OwnerJdbc.client())
                .ofType(PlatformPersonId.of(operator.personId()).value(), "PlatformSecondFactorEnrolled").getFirst();
        assertThat(enrolled.payload().get("enrolledBy").asText()).isEqualTo(actor);
        assertThat(enrolled.metadata().get("actor").asText()).isEqualTo(actor);
        assertThat(enrolled.payload().toString() + enrolled.metadata()).doesNotContain(key).doesNotContain(email);
        byte[] sealed = OwnerJdbc.client().sql("select totp_key_sealed from platform_person where person_id = ?")
                .param(operator.personId()).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed, not the key").doesNotContain(key);
        assertThat(OwnerJdbc.client().sql("select change from platform_person_change where person_id = ? "
                        + "order by change_id").param(operator.personId()).query(String.class).list())
                .containsExactly("ADDED", "SECOND_FACTOR_ENROLLED");

        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("the password alone issues no token").isEmpty();
        assertThat(PersonTokens.signIn(port, email, PASSWORD, null, TotpCodes.wrong(key))).as("a wrong code").isEmpty();
        assertThat(failures(operator.personId())).as("the wrong code counted").isEqualTo(1);

        Optional<String> token = PersonTokens.signIn(port, email, PASSWORD, null, Totp.code(key, Instant.now()));
        assertThat(token).as("the right code").isPresent();
        Api.Response me = new Api("http://localhost:" + port, token.get()).get("/api/me");
        assertThat(me.text("subject")).isEqualTo(actor);
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"PLATFORM_ADMIN\"]");
        assertThat(me.body().get("tenant").isNull()).isTrue();
        assertThat(failures(operator.personId())).as("every step done: the count starts again").isZero();
    }

    @Test
    void givenFiveWrongCodesWhenTheOperatorTriesAgainThenTheyAreLockedOutAndTheLockoutIsAnEvent() {
        String email = newAddress();
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator");
        String key = Totp.newSecret();
        assertThat(operators.enrolSecondFactor(operator.personId(), key, Totp.code(key, Instant.now()),
                "platform:" + operator.personId())).isTrue();
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(PersonTokens.signIn(port, email, PASSWORD, null, TotpCodes.wrong(key))).isEmpty();
        }
        assertThat(PersonTokens.signIn(port, email, PASSWORD, null, Totp.code(key, Instant.now())))
                .as("locked, even with the password and the code").isEmpty();
        EventStore.StoredEvent lockout = new EventStore(OwnerJdbc.client())
                .ofType(PlatformPersonId.of(operator.personId()).value(), "PlatformSignInLockedOut").getFirst();
        assertThat(lockout.payload().get("failures").asInt()).isEqualTo(5);
        assertThat(lockout.payload().toString()).doesNotContain(email).doesNotContain(key);
    }

    @Test
    void givenThePlatformRequiresASecondFactorWhenAnOperatorWithoutOneSignsInThenTheyEnrolBeforeBeingSignedIn() {
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", newAddress(), PASSWORD,
                "test-operator");
        // the steps as production has them: the tests' profile leaves the requirement off for the tests' operator
        SignInSteps required = new SignInSteps(staff, secondFactors, guard, policies, operators, true);
        assertThat(required.operatorMustEnrolBeforeActing(operator.personId()))
                .as("an older session or token stops working").isTrue();
        MockHttpServletRequest request = new MockHttpServletRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();

        Optional<String> step = required.begin(request, response, UsernamePasswordAuthenticationToken.authenticated(
                OperatorSignIns.PREFIX + operator.personId(), null, List.of()));

        assertThat(step).contains(SignInSteps.ENROL_STEP);
        SignInSteps.Offer offer = required.offer(request).orElseThrow();
        assertThat(offer.uri()).startsWith("otpauth://totp/MeterLedger:").contains("secret=" + offer.key());
        assertThat(required.enrol(request, TotpCodes.wrong(offer.key()))).isFalse();
        assertThat(required.pending(request).flatMap(SignInSteps.Pending::next)).contains(SignInSteps.ENROL_STEP);
        assertThat(required.enrol(request, Totp.code(offer.key(), Instant.now()))).isTrue();
        assertThat(required.pending(request).flatMap(SignInSteps.Pending::next)).as("every step done").isEmpty();
        assertThat(required.operatorMustEnrolBeforeActing(operator.personId())).isFalse();
        assertThat(new EventStore(OwnerJdbc.client()).ofType(PlatformPersonId.of(operator.personId()).value(),
                "PlatformSecondFactorEnrolled")).hasSize(1);
    }

    @Test
    void givenAnOperatorWhoLostTheirPhoneWhenAnotherOperatorRemovesTheSecondFactorThenItIsAnEventAndTheKeyIsGone() {
        String email = newAddress();
        PlatformPeople.Operator operator = operators.addWithPassword("运维 Ops", email, PASSWORD, "test-operator");
        String key = Totp.newSecret();
        assertThat(operators.enrolSecondFactor(operator.personId(), key, Totp.code(key, Instant.now()),
                "platform:" + operator.personId())).isTrue();
        String colleagueEmail = newAddress();
        PlatformPeople.Operator colleague = operators.addWithPassword("值班 Duty", colleagueEmail, PASSWORD,
                "test-operator");
        Api api = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, colleagueEmail, PASSWORD).orElseThrow());
        assertThat(api.get("/api/platform/operators").body().toString())
                .contains("\"personId\":\"" + operator.personId() + "\"").doesNotContain(key);

        Api.Response unknown = api.post("/api/platform/operators/" + UUID.randomUUID() + "/second-factor-removal",
                null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().has("title")).as("a problem").isTrue();
        Api.Response removed = api.post("/api/platform/operators/" + operator.personId() + "/second-factor-removal",
                null);

        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
        assertThat(removed.body().get("secondFactor").asBoolean()).isFalse();
        assertThat(operators.secondFactorEnrolled(operator.personId())).isFalse();
        EventStore.StoredEvent event = new EventStore(OwnerJdbc.client())
                .ofType(PlatformPersonId.of(operator.personId()).value(), "PlatformSecondFactorRemoved").getFirst();
        assertThat(event.payload().get("removedBy").asText()).isEqualTo(colleague.principal());
        assertThat(event.metadata().get("actor").asText()).isEqualTo(colleague.principal());
        assertThat(api.post("/api/platform/operators/" + operator.personId() + "/second-factor-removal", null)
                .status()).as("removing nothing records nothing").isEqualTo(200);
        assertThat(new EventStore(OwnerJdbc.client()).ofType(PlatformPersonId.of(operator.personId()).value(),
                "PlatformSecondFactorRemoved")).hasSize(1);
        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("no code asked once the key is gone (the tests' "
                + "profile does not require one)").isPresent();
    }

    private static int failures(UUID operator) {
        return OwnerJdbc.client().sql("select failed_sign_ins from platform_person where person_id = ?")
                .param(operator).query(Integer.class).single();
    }

    private static String newAddress() {
        return "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@meterledger.test";
    }
}
