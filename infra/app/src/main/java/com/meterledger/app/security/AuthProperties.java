package com.meterledger.app.security;

import com.meterledger.edge.security.Roles;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Token trust and the embedded authorization server's clients and users. Secrets come from configuration
 * (environment in production); the values in application.yml are for the local demo only.
 *
 * @param embeddedIssuer    run the embedded Spring Authorization Server (local default); false trusts {@code issuer}
 * @param issuer            the issuer every accepted token must name; with the embedded issuer also the {@code iss}
 *                          it writes and announces in OIDC discovery
 * @param audience          the audience every accepted token must contain
 * @param tokenTimeToLive   access token lifetime of the embedded issuer
 * @param users             people who log in at the embedded issuer without being data; the test profile's only
 *                          (application.yml holds none: people are data, the demo's invited by the demo seeding)
 * @param loginClient       the authorization-code client people log in through
 */
@ConfigurationProperties("meterledger.auth")
public record AuthProperties(boolean embeddedIssuer, String issuer, String audience, Duration tokenTimeToLive,
                             List<User> users, LoginClient loginClient) {
    public static final String DEFAULT_AUDIENCE = "meterledger-api";

    public AuthProperties {
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
        tokenTimeToLive = tokenTimeToLive == null ? Duration.ofMinutes(30) : tokenTimeToLive;
        users = users == null ? List.of() : List.copyOf(users);
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

    public record User(String username, String password, String tenant, List<String> roles, List<String> properties)
            implements Grant {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            properties = properties == null ? List.of() : List.copyOf(properties);
            Roles.requireKnown(roles, username);
        }
    }

    public record LoginClient(String clientId, String secret, List<String> redirectUris) {
        public LoginClient {
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        }
    }
}
