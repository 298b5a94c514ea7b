package com.meterledger.app.security;

import com.meterledger.tenantadmin.client.IssuerClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one client configuration still names, the people's login client ({@code meterledger.auth.login-client}: the
 * issuer's own, no tenant's, its redirect addresses following the server's port), written into the issuer's client
 * table at start beside the tenants' machine clients. No other client comes from configuration: clients are data,
 * made through the client service (the demo's by the demo seeding, the tests' by their test support). Idempotent: a
 * stored client whose hash already matches the configured secret and whose grant is unchanged is left alone (no new
 * hash at every start); a changed secret or grant is written over. Nodes starting together serialise on an advisory
 * lock, so neither inserts a row the other has just inserted.
 */
public final class ConfiguredClients {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredClients.class);
    /** 'MLCC' (MeterLedger configured clients). */
    private static final long SEEDING_LOCK = 0x4d4c4343L;

    private ConfiguredClients() {
    }

    /** @return how many clients were written (new or changed) */
    static int seed(AuthProperties properties, RegisteredClientRepository clients, JdbcTemplate jdbc,
                    PlatformTransactionManager transactions) {
        List<Configured> configured = new ArrayList<>();
        AuthProperties.LoginClient login = properties.loginClient();
        if (login != null && StringUtils.hasText(login.clientId())) {
            configured.add(new Configured(login.secret(), secretHash -> RegisteredClient.withId(login.clientId())
                    .clientId(login.clientId())
                    .clientName(login.clientId())
                    .clientSecret(secretHash)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUris(uris -> uris.addAll(login.redirectUris()))
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTimeToLive()).build())
                    .build()));
        }
        Integer written = new TransactionTemplate(transactions).execute(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", SEEDING_LOCK);
            int count = 0;
            for (Configured client : configured) {
                RegisteredClient wanted = client.build().apply("-");
                RegisteredClient stored = clients.findByClientId(wanted.getClientId());
                if (stored != null && sameGrant(stored, wanted) && stored.getClientSecret() != null
                        && IssuerClients.SECRETS.matches(client.secret(), stored.getClientSecret())) {
                    continue;
                }
                if (stored != null && !stored.getId().equals(wanted.getId())) {
                    throw new IllegalStateException("the login client " + wanted.getClientId()
                            + " clashes with a client made as data");
                }
                clients.save(client.build().apply(IssuerClients.SECRETS.encode(client.secret())));
                count++;
            }
            return count;
        });
        if (written != null && written > 0) {
            log.info("wrote the login client into the issuer's client table");
        }
        return written == null ? 0 : written;
    }

    private static boolean sameGrant(RegisteredClient stored, RegisteredClient wanted) {
        return IssuerClients.grantOf(stored).equals(IssuerClients.grantOf(wanted))
                && stored.getAuthorizationGrantTypes().equals(wanted.getAuthorizationGrantTypes())
                && stored.getRedirectUris().equals(wanted.getRedirectUris())
                && stored.getScopes().equals(wanted.getScopes())
                && Objects.equals(stored.getTokenSettings().getAccessTokenTimeToLive(),
                wanted.getTokenSettings().getAccessTokenTimeToLive());
    }

    private record Configured(String secret, java.util.function.Function<String, RegisteredClient> build) {
    }
}
