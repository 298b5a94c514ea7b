package com.meterledger.app.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.registry.PropertyDetailsChanged;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.TestPeople;
import com.meterledger.query.account.OccupantPortalQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18, editing: a landlord corrects a property's name and address and renames a unit through the API. The new
 * names show wherever names are read (lists, the search box, the property's dashboard, head office, the occupant
 * portal), the old unit name finds nothing, every change is an event with its actor, and every refusal (a control
 * character, a blank name, another tenant's or an unknown id, a role that may not write, a manager outside their
 * properties) is a problem that changes nothing.
 */
class RegistryEditingTest extends IntegrationTest {
    @Autowired
    OccupantPortalQueries portal;

    private Api admin;
    private String id;
    private String property;
    private String unit;
    private String account;

    @BeforeEach
    void aPropertyWithAUnitAndAnAccount() {
        admin = as(TENANT_A);
        id = "re" + UUID.randomUUID().toString().substring(0, 8);
        property = "p-" + id;
        unit = "u-" + id;
        account = "a-" + id;
        assertThat(admin.post("/api/properties", """
                {"propertyId":"%s","name":"Old Mill %s","address":"1 Mill Lane"}""".formatted(property, id))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"%s","name":"Loft %s"}""".formatted(unit, id)).status()).isEqualTo(201);
        assertThat(admin.post("/api/meters", """
                {"meterId":"m-%s","unitId":"%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(id, unit, id)).status()).isEqualTo(201);
        assertThat(admin.post("/api/accounts", """
                {"accountId":"%s","unitId":"%s","meterId":"m-%s","currency":"EUR","pricePerUnitMinor":"10",
                 "openingReadAt":"%s","openingRegister":"5"}""".formatted(account, unit, id, Instant.now()))
                .status()).isEqualTo(201);
    }

    @Test
    void aRenamedPropertyAndUnitShowTheirNewNamesEverywhereAndTheOldUnitNameFindsNothing() {
        Api.Response changed = admin.put("/api/properties/" + property, """
                {"name":"Riverside %s","address":"2 River Walk"}""".formatted(id));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.text("name")).isEqualTo("Riverside " + id);
        Api.Response renamed = admin.put("/api/properties/%s/units/%s".formatted(property, unit), """
                {"name":"Studio %s"}""".formatted(id));
        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("Studio " + id);

        Api.Response one = admin.get("/api/properties/" + property);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("name")).isEqualTo("Riverside " + id);
        assertThat(one.text("address")).isEqualTo("2 River Walk");
        JsonNode properties = admin.get("/api/properties?size=200&sort=-name").body();
        assertThat(properties.toString()).contains("\"name\":\"Riverside %s\",\"address\":\"2 River Walk\"".formatted(id))
                .doesNotContain("Old Mill " + id);
        assertThat(admin.get("/api/units?property=" + property).body().toString()).contains("Studio " + id)
                .doesNotContain("Loft " + id);
        assertThat(admin.get("/api/properties/%s/units".formatted(property)).body().toString())
                .contains("Studio " + id);
        assertThat(unitHits("studio " + id)).containsExactly(unit);
        assertThat(unitHits("Loft " + id)).isEmpty();
        assertThat(admin.get("/api/properties/%s/dashboard".formatted(property)).text("propertyName"))
                .isEqualTo("Riverside " + id);
        assertThat(admin.get("/api/head-office").body().toString()).contains("Riverside " + id)
                .doesNotContain("Old Mill " + id);
        // the occupant's portal, once the account's projection has it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            OccupantPortalQueries.Place place = portal.place(new TenantId(TENANT_A), account);
            assertThat(place.propertyName()).isEqualTo("Riverside " + id);
            assertThat(place.unitName()).isEqualTo("Studio " + id);
        });
    }

    @Test
    void everyChangeIsAnEventWithItsActorAndTheSameTextAgainRecordsNothing() {
        String record = PropertyDetailsChanged.recordOf(new TenantId(TENANT_A), new PropertyId(property));
        assertThat(admin.put("/api/properties/" + property, """
                {"name":"Riverside %s"}""".formatted(id)).status()).isEqualTo(200);
        assertThat(admin.put("/api/properties/%s/units/%s".formatted(property, unit), """
                {"name":"Studio %s"}""".formatted(id)).status()).isEqualTo(200);
        assertThat(admin.put("/api/properties/%s/units/%s".formatted(property, unit), """
                {"name":"Studio %s"}""".formatted(id)).status()).isEqualTo(200);

        List<EventStore.StoredEvent> events = new EventStore(OwnerJdbc.client()).of(record);
        assertThat(events).extracting(EventStore.StoredEvent::type)
                .containsExactly("PropertyAdded", "UnitAdded", "PropertyDetailsChanged", "UnitRenamed");
        for (EventStore.StoredEvent event : events) {
            assertThat(event.metadata().path(MetadataKeys.ACTOR).asText()).isEqualTo("tenant-a-admin");
            assertThat(event.metadata().path(MetadataKeys.TENANT).asText()).isEqualTo(TENANT_A);
        }
        assertThat(events.get(2).payload().path("address").isNull()).isTrue();
        assertThat(events.get(3).payload().path("name").asText()).isEqualTo("Studio " + id);
        // the auditor's trail shows who renamed the unit
        Api auditor = person(TestPeople.AUDITOR_A);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode trail = auditor.get("/api/audit/events?aggregateId=" + record + "&type=UnitRenamed").body();
            assertThat(trail.path("entries")).hasSize(1);
            assertThat(trail.path("entries").get(0).path("actor").asText()).isEqualTo("tenant-a-admin");
            assertThat(trail.path("entries").get(0).path("summary").asText()).contains("Studio " + id);
        });
    }

    @Test
    void controlCharactersAndBlankNamesAreRefusedNamingTheFieldAndNothingChanges() {
        record Refusal(String path, String body, String field, String rule) {
        }
        String propertyPath = "/api/properties/" + property;
        String unitPath = "/api/properties/%s/units/%s".formatted(property, unit);
        for (Refusal refusal : List.of(
                new Refusal(propertyPath, "{\"name\":\"Old\\u0000Mill\"}", "name", "text-control-character"),
                new Refusal(propertyPath, "{\"name\":\"Old Mill\",\"address\":\"1\\u001bMill\"}", "address",
                        "text-control-character"),
                new Refusal(propertyPath, "{\"name\":\"%s\"}".formatted("x".repeat(201)), "name", null),
                new Refusal(propertyPath, "{\"name\":\" \"}", "name", null),
                new Refusal(unitPath, "{\"name\":\"Loft\\u0000\"}", "name", "text-control-character"),
                new Refusal(unitPath, "{\"name\":\"Loft\\u0085\"}", "name", "text-control-character"),
                new Refusal(unitPath, "{}", "name", null))) {
            Api.Response refused = admin.put(refusal.path(), refusal.body());
            assertThat(refused.status()).as(refusal + " -> " + refused.body()).isEqualTo(400);
            if (refusal.rule() == null) {
                // the request record's own constraints: the problem lists the refused fields
                assertThat(refused.body().path("errors").has(refusal.field())).as(refused.body().toString()).isTrue();
            } else {
                assertThat(refused.text("field")).as(refusal.body()).isEqualTo(refusal.field());
                assertThat(refused.text("rule")).as(refusal.body()).isEqualTo(refusal.rule());
            }
        }
        assertUnchanged();
    }

    @Test
    void anotherTenantsOrAnUnknownIdIsNotFoundAndRolesThatMayNotWriteAreRefused() {
        String body = "{\"name\":\"Taken over\"}";
        Api other = as(TENANT_B);
        assertProblem(other.put("/api/properties/" + property, body), 404);
        assertProblem(other.put("/api/properties/%s/units/%s".formatted(property, unit), body), 404);
        assertProblem(admin.put("/api/properties/no-such-property", body), 404);
        assertProblem(other.get("/api/properties/" + property), 404);
        assertProblem(admin.get("/api/properties/no-such-property"), 404);
        assertProblem(admin.put("/api/properties/%s/units/no-such-unit".formatted(property), body), 404);
        // a unit is renamed within its own property only
        assertProblem(admin.put("/api/properties/managed-a/units/" + unit, body), 404);
        for (String reader : List.of(TestPeople.AUDITOR_A, TestPeople.FINANCE_A)) {
            assertProblem(person(reader).put("/api/properties/" + property, body), 403);
            assertProblem(person(reader).put("/api/properties/%s/units/%s".formatted(property, unit), body), 403);
        }
        // the manager looks after managed-a only
        Api manager = person(TestPeople.MANAGER_A);
        assertProblem(manager.put("/api/properties/" + property, body), 403);
        assertProblem(manager.put("/api/properties/%s/units/%s".formatted(property, unit), body), 403);
        assertUnchanged();

        assertThat(admin.post("/api/properties", """
                {"propertyId":"managed-a","name":"Managed A"}""").status()).isIn(201, 422);
        assertThat(admin.post("/api/properties/managed-a/units", """
                {"unitId":"mu-%s","name":"Flat 9"}""".formatted(id)).status()).isEqualTo(201);
        Api.Response inScope = manager.put("/api/properties/managed-a/units/mu-" + id, """
                {"name":"Flat 9A"}""");
        assertThat(inScope.status()).as(inScope.body().toString()).isEqualTo(200);
        assertThat(OwnerJdbc.client().sql("select name from unit where tenant_id = ? and unit_id = ?")
                .params(TENANT_A, "mu-" + id).query(String.class).single()).isEqualTo("Flat 9A");
    }

    private void assertUnchanged() {
        assertThat(OwnerJdbc.client().sql("select name || '|' || address from property where tenant_id = ? and property_id = ?")
                .params(TENANT_A, property).query(String.class).single()).isEqualTo("Old Mill " + id + "|1 Mill Lane");
        assertThat(OwnerJdbc.client().sql("select name from unit where tenant_id = ? and unit_id = ?")
                .params(TENANT_A, unit).query(String.class).single()).isEqualTo("Loft " + id);
        assertThat(new EventStore(OwnerJdbc.client()).typesOf(PropertyDetailsChanged.recordOf(new TenantId(TENANT_A),
                new PropertyId(property)))).as("the additions only").containsExactly("PropertyAdded", "UnitAdded");
    }

    private static void assertProblem(Api.Response answer, int status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
    }

    private Api person(String email) {
        return new Api("http://localhost:" + port,
                PersonTokens.signIn(port, email, TestPeople.PASSWORD).orElseThrow());
    }

    private List<String> unitHits(String q) {
        List<String> ids = new ArrayList<>();
        admin.get("/api/search?q=" + q).body().get("hits").forEach(hit -> {
            if (hit.get("kind").asText().equals("UNIT")) {
                ids.add(hit.get("id").asText());
            }
        });
        return ids;
    }
}
