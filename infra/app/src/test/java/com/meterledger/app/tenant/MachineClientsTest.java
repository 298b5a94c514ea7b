package com.meterledger.app.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.client.MachineClientRules;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.HttpClientErrorException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tenant's machine clients are data: its administrator makes them (secret shown once, only a hash stored), their
 * tokens carry what the kind allows, a rotated secret replaces the old one at once, a revoked client gets no token,
 * and each change is an event with its actor and without the secret.
 */
class MachineClientsTest extends IntegrationTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void givenAnApiClientMadeByTheAdministratorWhenItRotatesAndIsRevokedThenOnlyTheLatestSecretWorksUntilRevocation() {
        Api admin = as(TENANT_A);
        Api.Response made = admin.post("/api/tenant/clients", """
                {"name":"Billing export 账单导出","kind":"API","roles":["FINANCE"]}""");
        assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
        String clientId = made.text("clientId");
        String secret = made.text("secret");
        assertThat(secret).startsWith("mlcs_").hasSizeGreaterThan(40);

        Api client = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, clientId, secret));
        JsonNode me = client.get("/api/me").body();
        assertThat(me.get("tenant").asText()).isEqualTo(TENANT_A);
        assertThat(me.toString()).contains("FINANCE").doesNotContain("TENANT_ADMIN");
        assertThat(client.post("/api/properties", "{\"propertyId\":\"mc-x\",\"name\":\"x\"}").status()).isEqualTo(403);

        String stored = OwnerJdbc.client().sql("select client_secret from oauth2_registered_client where client_id = ?")
                .param(clientId).query(String.class).single();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(secret);
        assertThat(admin.get("/api/tenant/clients").body().toString()).contains(clientId).doesNotContain(secret);

        Api.Response rotated = admin.post("/api/tenant/clients/" + clientId + "/secret", null);
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(201);
        String newSecret = rotated.text("secret");
        assertThat(newSecret).isNotEqualTo(secret);
        assertRefused(clientId, secret);
        assertThat(TestTokens.clientCredentials(port, clientId, newSecret)).isNotBlank();

        Api.Response revoked = admin.delete("/api/tenant/clients/" + clientId);
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        assertThat(revoked.body().get("revokedAt").isNull()).isFalse();
        assertRefused(clientId, newSecret);
        assertThat(admin.post("/api/tenant/clients/" + clientId + "/secret", null).body().get("rule").asText())
                .isEqualTo(MachineClientRules.REVOKED);
        assertThat(admin.delete("/api/tenant/clients/" + clientId).status()).as("revoking again").isEqualTo(200);

        List<EventStore.StoredEvent> events = new EventStore(jdbc).of(clientId);
        assertThat(events).extracting(EventStore.StoredEvent::type)
                .containsExactly("MachineClientRegistered", "MachineClientSecretRotated", "MachineClientRevoked");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.payload() + " " + event.metadata()).doesNotContain(secret, newSecret, "bcrypt");
            assertThat(event.metadata().toString()).contains("tenant-a-admin");
        });
    }

    @Test
    void givenAGatewayClientThenItsTokenHoldsTheGatewayRoleAlone() {
        Api.Response made = as(TENANT_A).post("/api/tenant/clients", """
                {"name":"Building 3 concentrator","kind":"gateway"}""");
        assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
        assertThat(made.body().get("client").get("roles").toString()).isEqualTo("[\"GATEWAY\"]");

        Api gateway = new Api("http://localhost:" + port,
                TestTokens.clientCredentials(port, made.text("clientId"), made.text("secret")));
        assertThat(gateway.get("/api/me").body().toString()).contains("GATEWAY");
        assertThat(gateway.get("/api/properties").status()).isEqualTo(403);
        assertThat(gateway.get("/api/tenant/clients").status()).isEqualTo(403);
    }

    @Test
    void givenScopesBeyondTheKindControlCharactersOrAnUnknownKindThenAProblemNamesTheRuleAndNothingIsStored()
            throws Exception {
        long before = storedClients();
        assertProblem(as(TENANT_A).post("/api/tenant/clients", """
                {"name":"Sneaky","kind":"GATEWAY","roles":["GATEWAY","TENANT_ADMIN"]}"""),
                MachineClientRules.SCOPE_BEYOND_KIND);
        assertProblem(as(TENANT_A).post("/api/tenant/clients", """
                {"name":"Operator","kind":"API","roles":["PLATFORM_ADMIN"]}"""), MachineClientRules.SCOPE_BEYOND_KIND);
        assertProblem(as(TENANT_A).post("/api/tenant/clients", """
                {"name":"Bell\\u0007","kind":"API","roles":["AUDITOR"]}"""), "text-control-character");
        assertProblem(as(TENANT_A).post("/api/tenant/clients", """
                {"name":"Robot","kind":"ROBOT","roles":["AUDITOR"]}"""), MachineClientRules.KIND_UNKNOWN);
        assertProblem(as(TENANT_A).post("/api/tenant/clients", """
                {"name":"Manager","kind":"API","roles":["PROPERTY_MANAGER"]}"""),
                MachineClientRules.MANAGER_WITHOUT_PROPERTIES);
        assertThat(storedClients()).isEqualTo(before);

        Api.Response unknown = as(TENANT_A).get("/api/tenant/clients/mc-no-such-client");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(as(TENANT_A).post("/api/tenant/clients/mc-no-such-client/secret", null).status()).isEqualTo(404);
        assertThat(rawGet("/api/tenant/clients/mc%7Fbell")).as("an id with a control character (DEL)")
                .contains("400", "text-control-character");
    }

    @Test
    void givenAnotherTenantsClientThenItCannotBeSeenRotatedOrRevoked() {
        Api.Response made = as(TENANT_B).post("/api/tenant/clients", """
                {"name":"B's integration","kind":"API","roles":["AUDITOR"]}""");
        String clientId = made.text("clientId");

        Api a = as(TENANT_A);
        assertThat(a.get("/api/tenant/clients").body().toString()).doesNotContain(clientId);
        assertThat(a.get("/api/tenant/clients/" + clientId).status()).isEqualTo(404);
        assertThat(a.post("/api/tenant/clients/" + clientId + "/secret", null).status()).isEqualTo(404);
        assertThat(a.delete("/api/tenant/clients/" + clientId).status()).isEqualTo(404);
        assertThat(TestTokens.clientCredentials(port, clientId, made.text("secret"))).isNotBlank();
        assertThat(new EventStore(jdbc).typesOf(clientId)).containsExactly("MachineClientRegistered");
    }

    /** Sent as written: the Api helper would encode the '%' once more. */
    private String rawGet(String path) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TestTokens.adminOf(TENANT_A, port)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body();
    }

    private void assertRefused(String clientId, String secret) {
        assertThatThrownBy(() -> TestTokens.clientCredentials(port, clientId, secret))
                .isInstanceOf(HttpClientErrorException.Unauthorized.class);
    }

    private static void assertProblem(Api.Response answer, String rule) {
        assertThat(answer.status()).as(answer.body().toString()).isBetween(400, 422);
        assertThat(answer.body().get("rule").asText()).as(answer.body().toString()).isEqualTo(rule);
    }

    private static long storedClients() {
        return OwnerJdbc.client().sql("select (select count(*) from machine_client) + (select count(*) from "
                + "oauth2_registered_client) + (select count(*) from domain_event_entry where type like 'MachineClient%')")
                .query(Long.class).single();
    }
}
