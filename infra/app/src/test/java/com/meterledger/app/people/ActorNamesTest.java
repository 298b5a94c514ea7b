package com.meterledger.app.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.people.ActorName;
import com.meterledger.api.people.FindActorNames;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.UiSession;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.query.alert.AlertEvaluator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Names, not ids: wherever staff read who did something, a person's name shows instead of {@code person:<uuid>},
 * asked of tenant-admin (which owns people) with {@link FindActorNames}; a person who left the tenant, was erased or
 * belongs to another tenant is a former staff member without a name, and machine actors get readable labels.
 */
class ActorNamesTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    QueryGateway queries;
    @Autowired
    AlertEvaluator evaluator;

    private List<ActorName> ask(String tenant, String... actors) {
        return queries.query(new FindActorNames(new TenantId(tenant), List.of(actors)),
                ResponseTypes.multipleInstancesOf(ActorName.class)).join();
    }

    private static String personIdOf(String email) {
        return OwnerJdbc.client().sql("select person_id::text from staff_person where lower(email) = lower(?)")
                .param(email).query(String.class).single();
    }

    @Test
    void givenPeopleClientsAndProcessesWhenATenantAsksWhoTheyAreThenOnlyItsOwnCurrentPeopleAreNamed() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "zh-CN");
        Api admin = new Api("http://localhost:" + port, PersonTokens.signIn(port, tenant.email(), tenant.password())
                .orElseThrow());
        String administrator = "person:" + personIdOf(tenant.email());
        Api.Response invited = admin.post("/api/tenant/people", """
                {"name":"Li Finance","email":"names-%s@example.com","roles":["FINANCE"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
        assertThat(invited.status()).as(invited.body().toString()).isEqualTo(201);
        String leaver = invited.body().get("person").get("personId").asText();
        Api.Response client = admin.post("/api/tenant/clients", """
                {"name":"Billing export","kind":"API","roles":["FINANCE"]}""");
        assertThat(client.status()).as(client.body().toString()).isEqualTo(201);
        String erased = "person:" + UUID.randomUUID();

        assertThat(ask(tenant.slug(), "person:" + leaver)).containsExactly(
                new ActorName("person:" + leaver, ActorName.Kind.PERSON, "Li Finance"));
        assertThat(admin.post("/api/tenant/people/%s/deactivation".formatted(leaver), null).status()).isEqualTo(200);

        assertThat(ask(tenant.slug(), administrator, "person:" + leaver, erased, client.text("clientId"),
                "supply-reconciler", administrator + "@" + tenant.slug())).containsExactly(
                new ActorName(administrator, ActorName.Kind.PERSON, "王经理"),
                new ActorName("person:" + leaver, ActorName.Kind.FORMER_PERSON, null),
                new ActorName(erased, ActorName.Kind.FORMER_PERSON, null),
                new ActorName(client.text("clientId"), ActorName.Kind.MACHINE_CLIENT, "Billing export"),
                ActorName.other("supply-reconciler"),
                new ActorName(administrator + "@" + tenant.slug(), ActorName.Kind.PERSON, "王经理"));
        // another tenant never learns the name of this tenant's people, nor whether they exist
        assertThat(ask(TENANT_A, administrator)).containsExactly(
                new ActorName(administrator, ActorName.Kind.FORMER_PERSON, null));
    }

    @Test
    void givenAnAlertAcknowledgedByAPersonWhenStaffReadTheInboxAndTheTrailThenTheyReadTheNameNotTheId() {
        SignedUpTenants.SignedUp tenant = SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en");
        Api admin = new Api("http://localhost:" + port, PersonTokens.signIn(port, tenant.email(), tenant.password())
                .orElseThrow());
        String administrator = "person:" + personIdOf(tenant.email());
        String id = "nm-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(admin, id, "10", now.minus(Duration.ofHours(30)), "100");
        JsonNode alert = await().atMost(Duration.ofSeconds(20)).until(() -> {
            evaluator.evaluate(new TenantId(tenant.slug()), now);
            JsonNode alerts = admin.get("/api/alerts?kind=METER_NOT_READ").body().get("alerts");
            return alerts.isEmpty() ? null : alerts.get(0);
        }, found -> found != null);

        Api.Response acknowledged = admin.post("/api/alerts/%s/acknowledgement".formatted(
                alert.get("alertId").asText()), "{\"note\":\"Caretaker reads it by hand\"}");

        assertThat(acknowledged.status()).as(acknowledged.body().toString()).isEqualTo(200);
        assertThat(acknowledged.text("acknowledgedBy")).isEqualTo(administrator);
        assertThat(acknowledged.body().get("acknowledgedByActor").get("kind").asText()).isEqualTo("PERSON");
        assertThat(acknowledged.body().get("acknowledgedByActor").get("name").asText()).isEqualTo("王经理");

        UiSession person = UiSession.signIn(port, tenant.email(), tenant.password());
        String inbox = person.get("/ui/alerts?property=p-" + id).body();
        assertThat(inbox).contains("Acknowledged by 王经理").doesNotContain(administrator);
        // the audit trail names the person who opened the account (the search index follows the events)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String trail = person.get("/ui/audit/events?aggregateId=a-" + id).body();
            assertThat(trail).contains("a-" + id, "王经理").doesNotContain(administrator);
        });
        // in Chinese too
        assertThat(person.get("/ui/alerts?property=p-" + id + "&lang=zh-CN").body()).contains("王经理");
        person.get("/ui/alerts?lang=en");
    }
}
