package com.meterledger.app.tenant;

import com.meterledger.app.support.Api;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.Premises;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's operator suspends a tenant: its staff may read but not write, while its meters are still read and
 * charged; resuming gives the staff their writes back. The tenant is signed up through the front door.
 */
class TenantSuspensionTest extends IntegrationTest {
    private static final String TENANT_Z = "tenant-z";

    @Autowired
    EmbeddedMailSink mailbox;

    @Test
    void aSuspendedTenantsStaffMayReadButNotWriteWhileItsMetersAreStillChargedAndResumingRestoresWrites() {
        SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en", TENANT_Z);
        Api staff = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "tenant-z-admin",
                "test-secret"));
        Api gateway = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "tenant-z-gateway",
                "test-secret"));
        Api operator = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        Instant openedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Premises.moveIn(staff, "z1", "10", openedAt, "1000");
        await().atMost(Duration.ofSeconds(20)).until(() -> staff.get("/api/accounts/a-z1").status() == 200);

        Api.Response suspended = operator.post("/api/platform/tenants/tenant-z/suspension",
                "{\"reason\":\"invoice in_1 unpaid after the grace period\"}");
        assertThat(suspended.status()).as(suspended.body().toString()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("SUSPENDED");
        assertThat(operator.get("/api/platform/tenants").body().toString())
                .contains("\"tenantId\":\"tenant-z\"", "\"status\":\"SUSPENDED\"", "invoice in_1 unpaid");

        Api.Response refused = staff.post("/api/properties", "{\"propertyId\":\"p-z2\",\"name\":\"Second\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("rule")).isEqualTo("tenant-staff-writes-suspended");
        assertThat(refused.text("detail")).contains("SUSPENDED", "invoice in_1 unpaid", "resume");
        assertThat(staff.get("/api/properties").status()).isEqualTo(200);

        assertThat(gateway.post("/api/meters/m-z1/readings", """
                {"readAt":"%s","registerValue":"1010"}""".formatted(Instant.now().minusSeconds(5))).status())
                .as("the meters of a suspended tenant are still read").isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(staff.get("/api/accounts/a-z1").number("balanceMinor")).isEqualTo(-100));

        // resuming lifts the operator's suspension only: the tenant is back where it stood, verified (no plan yet)
        assertThat(operator.post("/api/platform/tenants/tenant-z/resumption", "{\"reason\":\"paid\"}")
                .text("status")).isEqualTo("VERIFIED");
        assertThat(staff.post("/api/properties", "{\"propertyId\":\"p-z2\",\"name\":\"Second\"}").status())
                .isEqualTo(201);
    }

    @Test
    void theOperatorNeedsAReasonAndOnlyTheOperatorMaySuspend() {
        Api operator = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "platform-admin",
                "test-secret"));
        assertThat(as(TENANT_A).post("/api/platform/tenants/tenant-b/suspension", "{\"reason\":\"spite\"}").status())
                .isEqualTo(403);
        assertThat(operator.post("/api/platform/tenants/no-such-tenant/suspension", "{\"reason\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(operator.get("/api/accounts/a-z1").status()).as("the operator reads no tenant's data")
                .isEqualTo(403);
    }
}
