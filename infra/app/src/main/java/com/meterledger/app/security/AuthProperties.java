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
 * @param clients           client-credentials clients written into the issuer's client table at start; the test
 *                          profile's clients per tenant and role only (application.yml holds none: clients are
 *                          data, the demo's made by the demo seeding through the client service)
 * @param users             people who log in at the embedded issuer without being data; the test profile's only
 *                          (application.yml holds none: people are data, the demo's invited by the demo seeding)
 * @param loginClient       the authorization-code client people log in through
 */
@ConfigurationProperties("meterledger.auth")
public record AuthProperties(boolean embeddedIssuer, String issuer, String audience, Duration tokenTimeToLive,
                             List<Client> clients, List<User> users, LoginClient loginClient) {
    public static final String DEFAULT_AUDIENCE = "meterledger-api";

    public AuthProperties {
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
        tokenTimeToLive = tokenTimeToLive == null ? Duration.ofMinutes(30) : tokenTimeToLive;
        clients = clients == null ? List.of() : List.copyOf(clients);
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** Whose token it is: the tenant (none for platform admins), the roles, the properties a manager looks after. */
    public interface Grant {
        String tenant();

        List<String> roles();

        List<String> properties();
    }

    public record Client(String clientId, String secret, String tenant, List<String> roles, List<String> properties)
            implements Grant {
        public Client {
            roles = roles == null ? List.of() : List.copyOf(roles);
            properties = properties == null ? List.of() : List.copyOf(properties);
            Roles.requireKnown(roles, clientId);
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
