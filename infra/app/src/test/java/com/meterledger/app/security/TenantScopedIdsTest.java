package com.meterledger.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids are scoped by tenant (DESIGN.md): a property, unit or gateway whose id another tenant already uses is created
 * for the caller as if the id were free (the registries' keys include the tenant); a meter, account or tariff whose id
 * another tenant already uses answers exactly what a clash inside the caller's own tenant answers (the event store's
 * aggregate ids are one name space), never a 5xx and never anything about the other tenant. Either way the other
 * tenant's resource stays as it was. A gateway relays only meters of its own tenant.
 */
class TenantScopedIdsTest extends IntegrationTest {
    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aPropertyIdTakenInAnotherTenantIsFreeForTheCaller() {
        String id = fresh();
        premises(as(TENANT_B), "b" + id, "p-" + id, "u-b" + id, "m-b" + id);

        assertThat(as(TENANT_A).post("/api/properties", """
                {"propertyId":"p-%s","name":"Court of A"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(allProperties(TENANT_A)).contains("Court of A").doesNotContain("Court b" + id);
        assertThat(allProperties(TENANT_B)).contains("Court b" + id);
    }

    @Test
    void aUnitIdTakenInAnotherTenantIsFreeForTheCaller() {
        String id = fresh();
        premises(as(TENANT_B), "b" + id, "p-b" + id, "u-" + id, "m-b" + id);
        premises(as(TENANT_A), "a" + id, "p-a" + id, "u-a" + id, "m-a" + id);

        assertThat(as(TENANT_A).post("/api/properties/p-a%s/units".formatted(id), """
                {"unitId":"u-%s","name":"Flat of A"}""".formatted(id)).status()).isEqualTo(201);
        assertThat(as(TENANT_A).get("/api/properties/p-a%s/units".formatted(id)).body().toString())
                .contains("u-" + id).contains("Flat of A");
        assertThat(as(TENANT_B).get("/api/properties/p-b%s/units".formatted(id)).body().toString())
                .contains("u-" + id).contains("Flat b" + id);
    }

    @Test
    void aMeterIdTakenInAnotherTenantClashesAsInTheCallersOwn() {
        String id = fresh();
        premises(as(TENANT_B), "b" + id, "p-b" + id, "u-b" + id, "m-" + id);
        premises(as(TENANT_A), "a" + id, "p-a" + id, "u-a" + id, "m-own" + id);
        String before = eventsOf("m-" + id);

        assertClashesAlike((api, mid) -> api.post("/api/meters", """
                {"meterId":"%s","unitId":"u-a%s","utility":"ELECTRICITY","serialNumber":"SN-A"}"""
                .formatted(mid, id)), "m-" + id, "m-own" + id);
        assertThat(eventsOf("m-" + id)).isEqualTo(before);
    }

    @Test
    void anAccountIdTakenInAnotherTenantClashesAsInTheCallersOwn() {
        String id = fresh();
        premises(as(TENANT_B), "b" + id, "p-b" + id, "u-b" + id, "m-b" + id);
        assertThat(openAccount(as(TENANT_B), "a-" + id, "u-b" + id, "m-b" + id).status()).isEqualTo(201);
        premises(as(TENANT_A), "a" + id, "p-a" + id, "u-a" + id, "m-a" + id);
        premises(as(TENANT_A), "a2" + id, "p-a2" + id, "u-a2" + id, "m-a2" + id);
        assertThat(openAccount(as(TENANT_A), "a-own" + id, "u-a" + id, "m-a" + id).status()).isEqualTo(201);
        String before = eventsOf("a-" + id);

        assertClashesAlike((api, aid) -> openAccount(api, aid, "u-a2" + id, "m-a2" + id), "a-" + id, "a-own" + id);
        assertThat(eventsOf("a-" + id)).isEqualTo(before);
    }

    @Test
    void aTariffIdTakenInAnotherTenantClashesAsInTheCallersOwn() {
        String id = fresh();
        assertThat(tariff(as(TENANT_B), "t-" + id).status()).isEqualTo(201);
        assertThat(tariff(as(TENANT_A), "t-own" + id).status()).isEqualTo(201);
        String before = eventsOf("t-" + id);

        assertClashesAlike(this::tariff, "t-" + id, "t-own" + id);
        assertThat(eventsOf("t-" + id)).isEqualTo(before);
    }

    @Test
    void aGatewayIdTakenInAnotherTenantIsFreeForTheCaller() {
        String id = fresh();
        premises(as(TENANT_B), "b" + id, "p-b" + id, "u-b" + id, "m-b" + id);
        premises(as(TENANT_A), "a" + id, "p-a" + id, "u-a" + id, "m-a" + id);
        assertThat(gateway(as(TENANT_B), "gw-" + id, "p-b" + id).status()).isEqualTo(201);

        Api.Response created = gateway(as(TENANT_A), "gw-" + id, "p-a" + id);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("mqttUsername")).isEqualTo(TENANT_A + "/gw-" + id);
        assertThat(as(TENANT_B).get("/api/gateways/gw-" + id).body().get("propertyId").asText()).isEqualTo("p-b" + id);
    }

    @Test
    void aGatewayIsRefusedAnotherTenantsMeterExactlyAsAnUnknownOne() {
        String id = fresh();
        premises(as(TENANT_B), "b" + id, "p-b" + id, "u-b" + id, "m-b" + id);
        premises(as(TENANT_A), "a" + id, "p-a" + id, "u-a" + id, "m-a" + id);
        assertThat(gateway(as(TENANT_A), "gw-" + id, "p-a" + id).status()).isEqualTo(201);
        Api landlord = as(TENANT_A);

        Api.Response foreign = attach(landlord, "gw-" + id, "m-b" + id, "7");
        Api.Response unknown = attach(landlord, "gw-" + id, "m-none" + id, "8");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(shape(foreign, "m-b" + id)).isEqualTo(shape(unknown, "m-none" + id));
        assertThat(landlord.get("/api/gateways/gw-" + id).body().get("meters")).isEmpty();
        assertThat(attach(landlord, "gw-" + id, "m-a" + id, "9").status()).isEqualTo(204);
    }

    /** The clash with another tenant's id answers as the clash with the caller's own id, naming only the caller's id. */
    private void assertClashesAlike(BiFunction<Api, String, Api.Response> create, String foreignId, String ownId) {
        Api.Response own = create.apply(as(TENANT_A), ownId);
        Api.Response foreign = create.apply(as(TENANT_A), foreignId);

        assertThat(own.status()).as("own clash: %s", own.body()).isEqualTo(409);
        assertThat(own.text("rule")).isEqualTo("id-taken");
        assertThat(foreign.status()).as("foreign clash: %s", foreign.body()).isEqualTo(own.status());
        assertThat(shape(foreign, foreignId)).isEqualTo(shape(own, ownId));
        assertThat(foreign.body().toString()).doesNotContain(TENANT_B);
    }

    /** The problem with the id it names written as {@code <id>}. */
    private static JsonNode shape(Api.Response response, String id) {
        ObjectNode body = response.body().deepCopy();
        body.remove("instance");
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (body.get(name).isTextual()) {
                body.put(name, body.get(name).asText().replace(id, "<id>"));
            }
        }
        return body;
    }

    private static void premises(Api landlord, String name, String propertyId, String unitId, String meterId) {
        assertThat(landlord.post("/api/properties", """
                {"propertyId":"%s","name":"Court %s"}""".formatted(propertyId, name)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/properties/%s/units".formatted(propertyId), """
                {"unitId":"%s","name":"Flat %s"}""".formatted(unitId, name)).status()).isEqualTo(201);
        assertThat(landlord.post("/api/meters", """
                {"meterId":"%s","unitId":"%s","utility":"ELECTRICITY","serialNumber":"SN-%s"}"""
                .formatted(meterId, unitId, name)).status()).isEqualTo(201);
    }

    private static Api.Response openAccount(Api landlord, String accountId, String unitId, String meterId) {
        return landlord.post("/api/accounts", """
                {"accountId":"%s","unitId":"%s","meterId":"%s","currency":"EUR","pricePerUnitMinor":"20",
                 "openingReadAt":"%s","openingRegister":"0"}""".formatted(accountId, unitId, meterId, OPENED));
    }

    private Api.Response tariff(Api landlord, String tariffId) {
        return landlord.post("/api/tariffs", """
                {"tariffId":"%s","name":"Tariff","utility":"ELECTRICITY","currency":"EUR","zone":"UTC"}"""
                .formatted(tariffId));
    }

    private static Api.Response gateway(Api landlord, String gatewayId, String propertyId) {
        return landlord.post("/api/gateways", """
                {"gatewayId":"%s","propertyId":"%s","name":"DTU"}""".formatted(gatewayId, propertyId));
    }

    private static Api.Response attach(Api landlord, String gatewayId, String meterId, String address) {
        return landlord.put("/api/gateways/%s/meters/%s".formatted(gatewayId, meterId), """
                {"address":"%s"}""".formatted(address));
    }

    private static String eventsOf(String aggregateId) {
        return OwnerJdbc.client().sql("""
                        select string_agg(event_identifier || ':' || sequence_number, ',' order by sequence_number)
                        from domain_event_entry where aggregate_identifier = ?""")
                .param(aggregateId).query(String.class).single();
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every page of GET /api/properties (a page of at most 200 since the lists; the shared tenants hold many). */
    private String allProperties(String tenant) {
        StringBuilder all = new StringBuilder();
        for (int page = 0; ; page++) {
            com.fasterxml.jackson.databind.JsonNode body = as(tenant).get("/api/properties?size=200&page=" + page).body();
            all.append(body.get("items"));
            if (!body.get("hasMore").asBoolean()) {
                return all.toString();
            }
        }
    }
}
