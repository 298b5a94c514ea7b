package com.meterledger.app.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's operators as data (issue 16): an operator invites another by e-mail, the invitee accepts the mailed
 * single-use link with a password under the staff's rules, signs in as an operator, and is deactivated by the first,
 * whereupon their token is refused at once and sign-in no longer works. Every change is an event naming its actor
 * and never the address; refusals name the rule and store nothing; a tenant's people reach none of it.
 */
class PlatformOperatorsTest extends IntegrationTest {
    private static final String PASSWORD = "the operator's long sentence";
    private static final Pattern LINK = Pattern.compile("/invitation/operator\\?token=([A-Za-z0-9_-]+)");

    @Autowired
    PlatformPeople operators;

    @Autowired
    EmbeddedMailSink mailbox;

    private static String newAddress() {
        return "operator-" + UUID.randomUUID().toString().substring(0, 8) + "@meterledger.test";
    }

    private Api operator() {
        String email = newAddress();
        operators.addWithPassword("Ops " + email.substring(9, 17), email, PASSWORD, "test-operator");
        return new Api("http://localhost:" + port, PersonTokens.signIn(port, email, PASSWORD).orElseThrow());
    }

    private String linkTo(String email, int before) {
        return mailbox.awaitMatch(email, LINK, before, Duration.ofSeconds(20)).orElseThrow();
    }

    @Test
    void givenAnOperatorWhenTheyInviteAnotherWhoAcceptsThenTheNewOperatorSignsInUntilDeactivated() {
        Api first = operator();
        String inviter = first.get("/api/me").text("subject");
        String email = newAddress();
        int before = mailbox.messages().size();

        Api.Response invited = first.post("/api/platform/operators", """
                {"name":"运维 Li","email":"%s"}""".formatted(email.toUpperCase()));
        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(201);
        String personId = invited.body().get("operator").get("personId").asText();
        assertThat(invited.body().get("operator").get("state").asText()).isEqualTo("INVITED");
        assertThat(invited.body().get("operator").get("email").asText()).isEqualTo(email);
        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("no sign-in before acceptance").isEmpty();

        String token = linkTo(email, before);
        Api.Response weak = anonymous().post("/api/invitations/operator-acceptance",
                "{\"token\":\"%s\",\"password\":\"short\"}".formatted(token));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text("rule")).isEqualTo("password-too-weak");
        assertThat(weak.text("field")).isEqualTo("password");
        assertThat(first.get("/api/platform/operators").body().toString()).contains(personId);
        assertThat(state(first, personId)).as("a weak password stores nothing").isEqualTo("INVITED");

        Api.Response accepted = anonymous().post("/api/invitations/operator-acceptance",
                "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token, PASSWORD));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        Api.Response reused = anonymous().post("/api/invitations/operator-acceptance",
                "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token, PASSWORD));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("rule")).isEqualTo("invitation-invalid");
        assertThat(state(first, personId)).isEqualTo("ACTIVE");

        Api second = new Api("http://localhost:" + port, PersonTokens.signIn(port, email, PASSWORD).orElseThrow());
        Api.Response me = second.get("/api/me");
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"PLATFORM_ADMIN\"]");
        assertThat(me.body().get("tenant").isNull()).isTrue();
        assertThat(me.text("subject")).isEqualTo("platform:" + personId);
        assertThat(second.get("/api/platform/operators").status()).isEqualTo(200);

        Api.Response deactivated = first.post("/api/platform/operators/" + personId + "/deactivation", null);
        assertThat(deactivated.status()).as(deactivated.body().toString()).isEqualTo(200);
        assertThat(deactivated.text("state")).isEqualTo("DEACTIVATED");
        assertThat(second.get("/api/platform/operators").status()).as("the token issued before is refused at once")
                .isEqualTo(401);
        assertThat(OwnerJdbc.client().sql("select count(*) from oauth2_authorization where principal_name = ?")
                .param("platform:" + personId).query(Long.class).single()).isZero();
        assertThat(PersonTokens.signIn(port, email, PASSWORD)).as("no sign-in after deactivation").isEmpty();
        assertThat(first.post("/api/platform/operators/" + personId + "/deactivation", null).status())
                .as("a second deactivation changes nothing").isEqualTo(200);

        List<EventStore.StoredEvent> history = new EventStore(OwnerJdbc.client())
                .of(PlatformPersonId.of(UUID.fromString(personId)).value());
        assertThat(history).extracting(EventStore.StoredEvent::type)
                .containsExactly("PlatformPersonInvited", "PlatformInvitationAccepted", "PlatformPersonDeactivated");
        assertThat(history).extracting(event -> event.metadata().get("actor").asText())
                .containsExactly(inviter, "platform:" + personId, inviter);
        assertThat(history).allSatisfy(event -> assertThat(event.payload().toString() + event.metadata())
                .doesNotContain(email).doesNotContain("运维").doesNotContain("bcrypt"));
        JsonNode changes = first.get("/api/platform/operators/changes").body();
        assertThat(changes.findValues("personId").stream().filter(id -> id.asText().equals(personId)).count())
                .as("invited, accepted, deactivated").isEqualTo(3);
        assertThat(changes.toString()).contains("\"actor\":\"" + inviter + "\"");
    }

    @Test
    void givenBadInputWhenAnOperatorInvitesOrAcceptsThenTheRuleIsNamedAndNothingIsStored() {
        Api operator = operator();
        int listed = operator.get("/api/platform/operators").body().size();

        Api.Response malformed = operator.post("/api/platform/operators", """
                {"name":"Ops","email":"platform@meterledger"}""");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("rule")).isEqualTo("person-email-malformed");
        assertThat(malformed.text("field")).isEqualTo("email");

        String existing = newAddress();
        operators.addWithPassword("Ops", existing, PASSWORD, "test-operator");
        listed++;
        Api.Response twice = operator.post("/api/platform/operators", """
                {"name":"Ops","email":"%s"}""".formatted(existing));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.text("rule")).isEqualTo("platform-operator-exists");

        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api.Response staff = operator.post("/api/platform/operators", """
                {"name":"Ops","email":"%s"}""".formatted(tenant.email()));
        assertThat(staff.status()).isEqualTo(422);
        assertThat(staff.text("rule")).isEqualTo("platform-operator-address-in-use");
        assertThat(operator.get("/api/platform/operators").body().size()).as("nothing stored").isEqualTo(listed);

        String email = newAddress();
        int before = mailbox.messages().size();
        String personId = operator.post("/api/platform/operators", """
                {"name":"Ops","email":"%s"}""".formatted(email)).body().get("operator").get("personId").asText();
        String token = linkTo(email, before);
        OwnerJdbc.client().sql("update platform_invitation set expires_at = now() - interval '1 minute' "
                + "where person_id = ?::uuid").param(personId).update();
        Api.Response expired = anonymous().post("/api/invitations/operator-acceptance",
                "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(token, PASSWORD));
        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.text("rule")).isEqualTo("invitation-invalid");
        assertThat(state(operator, personId)).isEqualTo("INVITED");
        assertThat(PersonTokens.signIn(port, email, PASSWORD)).isEmpty();

        Api.Response unknown = operator.post("/api/platform/operators/" + UUID.randomUUID() + "/deactivation", null);
        assertThat(unknown.status()).isEqualTo(404);
    }

    /**
     * The platform keeps an active operator ({@code OperatorRules}): of two operators, one deactivates the other, and
     * the survivor, now the only active one, is refused when deactivating themselves, over HTTP with the rule's code,
     * and stays as they were: active, their token still works, they still sign in, and no event or change is recorded.
     * The rule counts every active operator of the platform, and the shared test database holds other tests'
     * operators, so they are set aside (deactivated in the table only) for this test and put back after it.
     */
    @Test
    void givenTwoOperatorsWhenOneDeactivatesTheOtherThenTheSurvivorCannotDeactivateThemselvesAndNothingChanges() {
        String survivorEmail = newAddress();
        PlatformPeople.Operator survivor = operators.addWithPassword("值班 Survivor", survivorEmail, PASSWORD,
                "test-operator");
        String leaverEmail = newAddress();
        PlatformPeople.Operator leaver = operators.addWithPassword("Ops Leaver", leaverEmail, PASSWORD,
                "test-operator");
        Api survivorApi = new Api("http://localhost:" + port,
                PersonTokens.signIn(port, survivorEmail, PASSWORD).orElseThrow());
        List<UUID> setAside = OwnerJdbc.client().sql("""
                        update platform_person set state = 'DEACTIVATED'
                        where state = 'ACTIVE' and person_id not in (?, ?) returning person_id""")
                .params(survivor.personId(), leaver.personId()).query(UUID.class).list();
        try {
            Api.Response other = survivorApi.post("/api/platform/operators/" + leaver.personId() + "/deactivation",
                    null);
            assertThat(other.status()).as(other.body().toString()).isEqualTo(200);
            assertThat(other.text("state")).isEqualTo("DEACTIVATED");

            Api.Response self = survivorApi.post("/api/platform/operators/" + survivor.personId() + "/deactivation",
                    null);

            assertThat(self.status()).as(self.body().toString()).isEqualTo(422);
            assertThat(self.text("rule")).isEqualTo("platform-operator-last");
            assertThat(self.body().has("title")).as("a problem").isTrue();
            assertThat(state(survivorApi, survivor.personId().toString())).as("still active").isEqualTo("ACTIVE");
            assertThat(survivorApi.get("/api/platform/operators").status()).as("the token still works")
                    .isEqualTo(200);
            assertThat(PersonTokens.signIn(port, survivorEmail, PASSWORD)).as("still signs in").isPresent();
            assertThat(new EventStore(OwnerJdbc.client()).typesOf(PlatformPersonId.of(survivor.personId()).value()))
                    .as("no deactivation recorded").containsExactly("PlatformPersonAdded");
            assertThat(OwnerJdbc.client().sql("select change from platform_person_change where person_id = ? "
                    + "order by change_id").param(survivor.personId()).query(String.class).list())
                    .containsExactly("ADDED");
        } finally {
            setAside.forEach(person -> OwnerJdbc.client()
                    .sql("update platform_person set state = 'ACTIVE' where person_id = ?").param(person).update());
        }
    }

    @Test
    void givenATenantsAdministratorThenNoOperatorEndpointOpensAndNoOperatorIsMade() {
        Api landlord = as(TENANT_A);
        String email = newAddress();

        assertThat(landlord.get("/api/platform/operators").status()).isEqualTo(403);
        assertThat(landlord.get("/api/platform/operators/changes").status()).isEqualTo(403);
        assertThat(landlord.post("/api/platform/operators", """
                {"name":"Ops","email":"%s"}""".formatted(email)).status()).isEqualTo(403);
        assertThat(landlord.post("/api/platform/operators/" + UUID.randomUUID() + "/deactivation", null).status())
                .isEqualTo(403);
        assertThat(operators.byEmail(email)).isEmpty();
    }

    private static String state(Api operator, String personId) {
        for (JsonNode row : operator.get("/api/platform/operators").body()) {
            if (row.get("personId").asText().equals(personId)) {
                return row.get("state").asText();
            }
        }
        return null;
    }
}
