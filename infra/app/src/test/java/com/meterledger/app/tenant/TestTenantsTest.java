package com.meterledger.app.tenant;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' tenants and clients come through the front door (support/TestTenants), not from configuration: the
 * second tenant signed up and verified, tenant-f's friendly hours its own settings changed by its administrator, and
 * every client a machine client made through the client service with the id and secret the tests use.
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
                .contains("\"tenantId\":\"" + TENANT_B + "\"", "\"tenantId\":\"" + TENANT_WITH_FRIENDLY_WINDOW + "\"");
    }
}
