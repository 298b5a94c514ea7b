package com.meterledger.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The embedded authorization server's clients. Secrets come from configuration (environment in production);
 * the values in application.yml are for the local demo only.
 */
@ConfigurationProperties("meterledger.auth")
public record AuthProperties(boolean embeddedIssuer, String issuer, List<Client> clients) {
    public AuthProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    public record Client(String clientId, String secret, String tenant, List<String> roles) {
        public Client {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
