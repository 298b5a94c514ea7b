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
import com.meterledger.app.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A property's history starts where the property does: adding a property or a unit through the API is an event
 * (PropertyAdded, UnitAdded) with its actor on the property's record, committed with the registry's row; a refused
 * addition stores neither row nor event; and the auditor finds the addition on the trail, worded in English and
 * Chinese.
 */
class RegistryHistoryTest extends IntegrationTest {
    private Api admin;
    private String id;
    private String property;
    private String unit;

    @BeforeEach
    void freshIds() {
        admin = as(TENANT_A);
        id = "rh" + UUID.randomUUID().toString().substring(0, 8);
        property = "p-" + id;
        unit = "u-" + id;
    }

    @Test
    void givenAnAdministratorWhenTheyAddAPropertyAndAUnitThenBothAreEventsWithTheirActorBeforeAnyCorrection() {
        assertThat(admin.post("/api/properties", """
                {"propertyId":"%s","name":"Old Mill %s","address":"1 Mill Lane"}""".formatted(property, id))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"%s","name":"Loft %s"}""".formatted(unit, id)).status()).isEqualTo(201);
        assertThat(admin.put("/api/properties/%s/units/%s".formatted(property, unit), """
                {"name":"Studio %s"}""".formatted(id)).status()).isEqualTo(200);

        List<EventStore.StoredEvent> events = new EventStore(OwnerJdbc.client()).of(record(property));
        assertThat(events).extracting(EventStore.StoredEvent::type)
                .containsExactly("PropertyAdded", "UnitAdded", "UnitRenamed");
        for (EventStore.StoredEvent event : events) {
            assertThat(event.metadata().path(MetadataKeys.ACTOR).asText()).isEqualTo("tenant-a-admin");
            assertThat(event.metadata().path(MetadataKeys.TENANT).asText()).isEqualTo(TENANT_A);
        }
        assertThat(events.getFirst().payload().path("name").asText()).isEqualTo("Old Mill " + id);
        assertThat(events.getFirst().payload().path("address").asText()).isEqualTo("1 Mill Lane");
        assertThat(events.get(1).payload().path("unitId").toString()).contains("\"" + unit + "\"");
        assertThat(events.get(1).payload().path("name").asText()).isEqualTo("Loft " + id);
    }

    @Test
    void givenRefusedAdditionsWhenTheyAreMadeThenNeitherARowNorAnEventIsStored() {
        assertThat(admin.post("/api/properties", """
                {"propertyId":"%s","name":"Old Mill %s"}""".formatted(property, id)).status()).isEqualTo(201);
        assertThat(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"%s","name":"Loft %s"}""".formatted(unit, id)).status()).isEqualTo(201);
        String other = "p2-" + id;

        assertRule(admin.post("/api/properties", """
                {"propertyId":"%s","name":"Again"}""".formatted(property)), 422, "property-exists");
        assertRule(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"%s","name":"Again"}""".formatted(unit)), 422, "unit-exists");
        Api.Response controlCharacter = admin.post("/api/properties", """
                {"propertyId":"%s","name":"Old\\u0000Mill"}""".formatted(other));
        assertRule(controlCharacter, 400, "text-control-character");
        assertThat(controlCharacter.text("field")).isEqualTo("name");
        assertRule(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"u2-%s","name":"Loft\\u0085"}""".formatted(id)), 400, "text-control-character");
        assertThat(admin.post("/api/properties/%s/units".formatted(other), """
                {"unitId":"u3-%s","name":"Flat"}""".formatted(id)).status()).as("an unknown property").isEqualTo(404);
        assertThat(as(TENANT_B).post("/api/properties/%s/units".formatted(property), """
                {"unitId":"u4-%s","name":"Flat"}""".formatted(id)).status()).as("another tenant's property")
                .isEqualTo(404);
        assertThat(person(TestPeople.AUDITOR_A).post("/api/properties", """
                {"propertyId":"%s","name":"Not mine to add"}""".formatted(other)).status()).isEqualTo(403);

        EventStore store = new EventStore(OwnerJdbc.client());
        assertThat(store.typesOf(record(property))).containsExactly("PropertyAdded", "UnitAdded");
        assertThat(store.of(record(other))).isEmpty();
        assertThat(OwnerJdbc.client().sql("select count(*) from property where property_id = ?").param(other)
                .query(Long.class).single()).isZero();
        assertThat(OwnerJdbc.client().sql("select count(*) from unit where unit_id like ?").param("u_-" + id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void givenAnAddedPropertyWhenTheAuditorSearchesTheTrailThenItIsFoundAndWordedInEnglishAndChinese() {
        assertThat(admin.post("/api/properties", """
                {"propertyId":"%s","name":"Old Mill %s","address":"1 Mill Lane"}""".formatted(property, id))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/properties/%s/units".formatted(property), """
                {"unitId":"%s","name":"Loft %s"}""".formatted(unit, id)).status()).isEqualTo(201);

        Api auditor = person(TestPeople.AUDITOR_A);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode trail = auditor.get("/api/audit/events?q=\"" + property + "\"&type=PropertyAdded").body();
            assertThat(trail.path("entries")).hasSize(1);
            assertThat(trail.path("entries").get(0).path("actor").asText()).isEqualTo("tenant-a-admin");
            assertThat(trail.path("entries").get(0).path("summary").asText()).contains("Old Mill " + id);
            assertThat(auditor.get("/api/audit/events?q=\"" + unit + "\"&type=UnitAdded").body().path("entries"))
                    .hasSize(1);
        });
        UiSession reader = UiSession.signIn(port, TestPeople.AUDITOR_A, TestPeople.PASSWORD);
        String english = reader.get("/ui/audit/events?q=%22" + property + "%22&lang=en").body();
        assertThat(english).contains("Property added", "Property " + property + " added: name Old Mill " + id
                + ", address 1 Mill Lane", "Unit added", "Unit " + unit + " added to property " + property
                + ", named Loft " + id);
        String chinese = reader.get("/ui/audit/events?q=%22" + property + "%22&lang=zh-CN").body();
        assertThat(chinese).contains("已添加物业", "已添加物业 " + property + "：名称 Old Mill " + id + "，地址 1 Mill Lane",
                "物业 " + property + " 已添加房间 " + unit + "，名为 Loft " + id);
        reader.get("/ui/audit/events?lang=en");
    }

    private static String record(String property) {
        return PropertyDetailsChanged.recordOf(new TenantId(TENANT_A), new PropertyId(property));
    }

    private static void assertRule(Api.Response answer, int status, String rule) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.text("rule")).as(answer.body().toString()).isEqualTo(rule);
    }

    private Api person(String email) {
        return new Api("http://localhost:" + port, PersonTokens.signIn(port, email, TestPeople.PASSWORD).orElseThrow());
    }
}
