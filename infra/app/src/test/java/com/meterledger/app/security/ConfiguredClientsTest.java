package com.meterledger.app.security;

import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.app.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.HttpClientErrorException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clients named in configuration live in the issuer's client table, written there idempotently at start. */
class ConfiguredClientsTest extends IntegrationTest {
    @Autowired
    AuthProperties auth;
    @Autowired
    RegisteredClientRepository clients;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void givenTheConfiguredClientsStoredAtStartWhenSeededAgainThenNothingIsWrittenAndEachIsARowWithAHash() {
        assertThat(ConfiguredClients.seed(auth, clients, jdbc, transactions)).isZero();

        List<String> ids = auth.clients().stream().map(AuthProperties.Client::clientId).toList();
        List<String> hashes = OwnerJdbc.client().sql(
                        "select client_secret from oauth2_registered_client where client_id = any(?)")
                .param(ids.toArray(String[]::new)).query(String.class).list();
        assertThat(hashes).hasSize(ids.size()).allSatisfy(hash -> assertThat(hash).startsWith("{bcrypt}"));
        assertThat(clients.findByClientId(auth.loginClient().clientId())).isNotNull();
        assertThat(TestTokens.clientCredentials(port, "tenant-b-gateway", "test-secret")).isNotBlank();
    }

    @Test
    void givenAConfiguredSecretThatChangedWhenSeededThenOnlyTheNewSecretGetsATokenUntilItChangesBack() {
        AuthProperties changed = new AuthProperties(auth.embeddedIssuer(), auth.issuer(), auth.audience(),
                auth.tokenTimeToLive(), auth.clients().stream().map(client -> client.clientId().equals("tenant-b-auditor")
                ? new AuthProperties.Client(client.clientId(), "a-new-configured-secret", client.tenant(),
                client.roles(), client.properties()) : client).toList(), auth.users(), auth.loginClient());
        try {
            assertThat(ConfiguredClients.seed(changed, clients, jdbc, transactions)).isEqualTo(1);
            assertThatThrownBy(() -> TestTokens.clientCredentials(port, "tenant-b-auditor", "test-secret"))
                    .isInstanceOf(HttpClientErrorException.Unauthorized.class);
            assertThat(TestTokens.clientCredentials(port, "tenant-b-auditor", "a-new-configured-secret")).isNotBlank();
        } finally {
            assertThat(ConfiguredClients.seed(auth, clients, jdbc, transactions)).isEqualTo(1);
        }
        assertThat(TestTokens.clientCredentials(port, "tenant-b-auditor", "test-secret")).isNotBlank();
    }
}
