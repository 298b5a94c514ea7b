package com.meterledger.app.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindWebhookSecret;
import com.meterledger.app.support.Api;
import com.meterledger.app.support.EventStore;
import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.SignedUpTenants;
import com.meterledger.app.support.TestTokens;
import com.meterledger.embedded.EmbeddedMailSink;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant's webhook signing secret is data: replaced by its administrator, shown once, never in an event. */
class WebhookSecretTest extends IntegrationTest {
    @Autowired
    EmbeddedMailSink mailbox;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorReplacesTheSecretWhichTheAdapterUsesAtOnceAndNoEventCarriesIt() {
        SignedUpTenants.signUpAndVerify(anonymous(), mailbox, "en", "tenant-y");
        Api admin = new Api("http://localhost:" + port, TestTokens.clientCredentials(port, "tenant-y-admin",
                "test-secret"));

        Api.Response first = admin.post("/api/tenant/settings/webhook-secret", "");
        Api.Response second = admin.post("/api/tenant/settings/webhook-secret", "");

        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.text("secret")).startsWith("whsec_ml_").hasSizeGreaterThan(40);
        assertThat(second.text("secret")).isNotEqualTo(first.text("secret"));
        assertThat(secretOf("tenant-y")).contains(second.text("secret"));
        assertThat(new EventStore(jdbc).ofType("tenant-y", "WebhookSecretRotated")).hasSize(2)
                .allSatisfy(event -> assertThat(event.payload() + " " + event.metadata())
                        .doesNotContain(first.text("secret"), second.text("secret")));
        assertThat(admin.get("/api/tenant/settings").body().toString()).doesNotContain(second.text("secret"));
        assertThat(secretOf(TENANT_A)).as("another tenant has none").isEmpty();
    }

    private Optional<String> secretOf(String tenant) {
        return queries.query(new FindWebhookSecret(new TenantId(tenant)), ResponseTypes.optionalInstanceOf(String.class))
                .join();
    }
}
