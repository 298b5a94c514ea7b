package com.meterledger.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Token trust and the embedded authorization server's login client. Secrets come from configuration (environment in
 * production); the values in application.yml are for the local demo only. No person is configuration: the people who
 * sign in are data (tenant-admin {@code people} and {@code platform}), as are the machine clients.
 *
 * @param embeddedIssuer    run the embedded Spring Authorization Server (local default); false trusts {@code issuer}
 * @param issuer            the issuer every accepted token must name; with the embedded issuer also the {@code iss}
 *                          it writes and announces in OIDC discovery
 * @param audience          the audience every accepted token must contain
 * @param tokenTimeToLive   access token lifetime of the embedded issuer
 * @param loginClient       the authorization-code client people log in through
 */
@ConfigurationProperties("meterledger.auth")
public record AuthProperties(boolean embeddedIssuer, String issuer, String audience, Duration tokenTimeToLive,
                             LoginClient loginClient) {
    public static final String DEFAULT_AUDIENCE = "meterledger-api";

    public AuthProperties {
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
        tokenTimeToLive = tokenTimeToLive == null ? Duration.ofMinutes(30) : tokenTimeToLive;
    }

    /** Whose token it is: the tenant (none for platform admins), the roles, the properties a manager looks after. */
    public interface Grant {
        String tenant();

        List<String> roles();

        List<String> properties();
    }

    /** A machine client's grant, from its row in the issuer's client table (clients are data, never configured). */
    public record Client(String clientId, String tenant, List<String> roles, List<String> properties)
            implements Grant {
        public Client {
            roles = roles == null ? List.of() : List.copyOf(roles);
            properties = properties == null ? List.of() : List.copyOf(properties);
        }
    }

    public record LoginClient(String clientId, String secret, List<String> redirectUris) {
        public LoginClient {
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        }
    }
}
