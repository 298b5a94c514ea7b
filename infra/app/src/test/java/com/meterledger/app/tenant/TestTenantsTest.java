package com.meterledger.app.tenant;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.PersonTokens;
import com.meterledger.app.support.TestPeople;
import com.meterledger.app.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.edge.security.Roles;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' tenants, people and clients come through the front door (support/TestTenants), not from configuration:
 * the tenants signed up and verified, tenant-f's friendly hours and tenant-a's language their own settings changed by
 * their administrator, tenant-a's people invited by its administrator and signed in with the password they chose, the
 * platform's operator made by the operators' service, and every client a machine client made through the client
 * service with the id and secret the tests use.
 */
class TestTenantsTest extends IntegrationTest {

    @Test
    void givenTheTestContext_whenItStarted_thenTheSecondTenantIsSignedUpAndVerified_andTenantFHoldsEveryMomentInItsSettings() {
        EventStore events = new EventStore(OwnerJdbc.client());
        assertThat(events.ofType(TENANT_B, "TenantSignedUp")).hasSize(1);
        assertThat(events.ofType(TENANT_WITH_FRIENDLY_WINDOW, "TenantSignedUp")).hasSize(1);

        Api.Response settings = as(TENANT_WITH_FRIENDLY_WINDOW).get("/api/tenant/settings");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().at("/friendlyHours/nightStart").asText()).isEqualTo("00:00:00");
        assertThat(settings.body().at("/friendlyHours/nightEnd").asText()).isEqualTo("23:59:00");
        assertThat(settings.body().at("/friendlyHours/weekends").asBoolean()).isTrue();
        assertThat(settings.body().at("/zone").asText()).isEqualTo("UTC");
        EventStore.StoredEvent changed = events.ofType(TENANT_WITH_FRIENDLY_WINDOW, "TenantSettingsChanged").getFirst();
        assertThat(changed.metadata().get("actor").asText()).as("the administrator, a person").startsWith("person:");

        Api.Response second = as(TENANT_B).get("/api/tenant/settings");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().at("/friendlyHours/nightStart").asText())
                .isEqualTo(second.body().at("/friendlyHours/nightEnd").asText());
        assertThat(second.body().at("/friendlyHours/weekends").asBoolean()).isFalse();
    }

    @Test
    void givenTheTestContext_whenItStarted_thenTenantAIsSignedUp_andLeavesTheLanguageToEachReader() {
        EventStore events = new EventStore(OwnerJdbc.client());
        assertThat(events.ofType(TENANT_A, "TenantSignedUp")).hasSize(1);
        assertThat(events.ofType(TENANT_ON_STRIPE_SANDBOX, "TenantSignedUp")).hasSize(1);

        Api.Response settings = as(TENANT_A).get("/api/tenant/settings");

        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().at("/language").asText()).isEqualTo(TenantSettings.EACH_READERS_OWN);
        assertThat(as(TENANT_NOT_DATA).get("/api/tenant/settings").status())
                .as("the one tenant that is not data").isEqualTo(404);
    }

    @Test
    void givenTheTestContext_whenItStarted_thenTheTestsPeopleAreStoredPeople_andSignInWithTheirTenantsRoles() {
        Map<String, String> roleOf = Map.of(TestPeople.ADMIN_A, Roles.TENANT_ADMIN,
                TestPeople.MANAGER_A, Roles.PROPERTY_MANAGER, TestPeople.FINANCE_A, Roles.FINANCE,
                TestPeople.AUDITOR_A, Roles.AUDITOR, TestPeople.ADMIN_B, Roles.TENANT_ADMIN);
        for (Map.Entry<String, String> person : roleOf.entrySet()) {
            String token = PersonTokens.signIn(port, person.getKey(), TestPeople.PASSWORD).orElseThrow(
                    () -> new AssertionError(person.getKey() + " could not sign in"));
            JsonNode me = me(token);
            assertThat(me.get("subject").asText()).as(person.getKey()).startsWith("person:");
            assertThat(me.get("roles").toString()).as(person.getKey()).isEqualTo("[\"" + person.getValue() + "\"]");
        }
        String manager = PersonTokens.signIn(port, TestPeople.MANAGER_A, TestPeople.PASSWORD).orElseThrow();
        assertThat(me(manager).get("properties").toString())
                .isEqualTo("[\"managed-a\"]");
        String adminId = OwnerJdbc.client().sql("select person_id::text from staff_person where email = ?")
                .param(TestPeople.ADMIN_A).query(String.class).single();
        String financeId = OwnerJdbc.client().sql("select person_id::text from staff_person where email = ?")
                .param(TestPeople.FINANCE_A).query(String.class).single();
        String member = OwnerJdbc.client().sql("select member_id from staff_membership where person_id = ?::uuid")
                .param(financeId).query(String.class).single();
        assertThat(new EventStore(OwnerJdbc.client()).ofType(member, "PersonInvited").getFirst().metadata()
                .get("actor").asText()).as("invited by tenant-a's administrator").isEqualTo("person:" + adminId);

        String operator = PersonTokens.signIn(port, TestPeople.OPERATOR, TestPeople.PASSWORD).orElseThrow();
        JsonNode me = me(operator);
        assertThat(me.get("subject").asText()).startsWith(PlatformPeople.PRINCIPAL_PREFIX);
        assertThat(me.get("roles").toString()).isEqualTo("[\"" + Roles.PLATFORM_ADMIN + "\"]");
        assertThat(me.has("tenant") && !me.get("tenant").isNull()).as("an operator's token names no tenant").isFalse();
    }

    @Test
    void givenTheTestContext_whenItStarted_thenEachTenantsClientIsAMachineClientOfThatTenant_andGetsATokenWithItsSecret() {
        Map<String, String> tenantOf = Map.of("tenant-a-admin", TENANT_A, "tenant-a-manager", TENANT_A,
                "tenant-a-gateway", TENANT_A, "tenant-b-admin", TENANT_B, "tenant-b-gateway", TENANT_B,
                "tenant-f-admin", TENANT_WITH_FRIENDLY_WINDOW, "tenant-s-admin", TENANT_ON_STRIPE_SANDBOX);
        for (Map.Entry<String, String> client : tenantOf.entrySet()) {
            List<Map<String, Object>> rows = OwnerJdbc.client()
                    .sql("select tenant_id, kind, created_by from machine_client where client_id = ?")
                    .param(client.getKey()).query().listOfRows();
            assertThat(rows).as(client.getKey()).hasSize(1);
            assertThat(rows.getFirst().get("tenant_id")).isEqualTo(client.getValue());
            assertThat(rows.getFirst().get("kind")).isEqualTo(client.getKey().endsWith("-gateway") ? "GATEWAY" : "API");
        }
        assertThat(OwnerJdbc.client().sql("select created_by from machine_client where client_id = 'tenant-b-admin'")
                .query(String.class).single()).as("made by tenant-b's administrator").startsWith("person:");
        assertThat(new EventStore(OwnerJdbc.client()).ofType("tenant-b-gateway", "MachineClientRegistered"))
                .hasSize(1);

        assertThat(TestTokens.clientCredentials(port, "tenant-a-admin", "test-secret-a")).isNotBlank();
        assertThat(TestTokens.clientCredentials(port, "tenant-b-gateway", "test-secret")).isNotBlank();
        Api operator = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        assertThat(operator.get("/api/platform/tenants").body().toString())
                .contains("\"tenantId\":\"" + TENANT_A + "\"", "\"tenantId\":\"" + TENANT_B + "\"",
                        "\"tenantId\":\"" + TENANT_WITH_FRIENDLY_WINDOW + "\"");
    }

    private JsonNode me(String token) {
        return new Api("http://localhost:" + port, token).get("/api/me").body();
    }
}
