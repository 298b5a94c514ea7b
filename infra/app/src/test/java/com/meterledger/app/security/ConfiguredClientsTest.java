package com.meterledger.app.security;

import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import com.meterledger.tenantadmin.client.IssuerClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one client configuration names, the people's login client, lives in the issuer's client table, written there
 * idempotently at start; configuration names no other client (they are data).
 */
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
    void givenTheLoginClientStoredAtStart_whenSeededAgain_thenNothingIsWritten_andItIsARowWithAHash() {
        assertThat(ConfiguredClients.seed(auth, clients, jdbc, transactions)).isZero();

        String hash = OwnerJdbc.client().sql("select client_secret from oauth2_registered_client where client_id = ?")
                .param(auth.loginClient().clientId()).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(IssuerClients.SECRETS.matches(auth.loginClient().secret(), hash)).isTrue();
    }

    @Test
    void givenALoginSecretThatChanged_whenSeeded_thenOnlyTheNewSecretMatches_untilItChangesBack() {
        AuthProperties.LoginClient login = auth.loginClient();
        AuthProperties changed = new AuthProperties(auth.embeddedIssuer(), auth.issuer(), auth.audience(),
                auth.tokenTimeToLive(), new AuthProperties.LoginClient(login.clientId(),
                "a-new-configured-secret", login.redirectUris()));
        try {
            assertThat(ConfiguredClients.seed(changed, clients, jdbc, transactions)).isEqualTo(1);
            String stored = clients.findByClientId(login.clientId()).getClientSecret();
            assertThat(IssuerClients.SECRETS.matches("a-new-configured-secret", stored)).isTrue();
            assertThat(IssuerClients.SECRETS.matches(login.secret(), stored)).isFalse();
        } finally {
            assertThat(ConfiguredClients.seed(auth, clients, jdbc, transactions)).isEqualTo(1);
        }
        assertThat(IssuerClients.SECRETS.matches(login.secret(),
                clients.findByClientId(login.clientId()).getClientSecret())).isTrue();
    }
}
