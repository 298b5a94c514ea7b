package com.meterledger.tenantadmin.client;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.StringUtils;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * How a client-credentials client looks in the issuer's client table ({@code oauth2_registered_client}): the one
 * format both the configured clients (seeded at start) and the tenants' own machine clients are written in, and
 * the token customizer reads. Tenant, roles and properties sit in the client's settings as plain strings (lists
 * comma-joined), which the repository's allow-listed JSON reads back unchanged; the secret only as a hash.
 */
public final class IssuerClients {
    public static final String TENANT_SETTING = "meterledger.tenant";
    public static final String ROLES_SETTING = "meterledger.roles";
    public static final String PROPERTIES_SETTING = "meterledger.properties";
    public static final String KIND_SETTING = "meterledger.kind";
    /** bcrypt (Spring's delegating encoder, {@code {bcrypt}...}); about 70 ms a check on this machine's cores. */
    public static final PasswordEncoder SECRETS = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private IssuerClients() {
    }

    /** What a client's tokens carry. */
    public record Grant(String tenant, List<String> roles, List<String> properties) {
    }

    public static RegisteredClient clientCredentials(String clientId, String name, String secretHash, String tenant,
                                                     List<String> roles, List<String> properties, String kind,
                                                     Duration tokenTimeToLive) {
        ClientSettings.Builder settings = ClientSettings.builder()
                .setting(ROLES_SETTING, String.join(",", roles))
                .setting(PROPERTIES_SETTING, String.join(",", properties));
        if (StringUtils.hasText(tenant)) {
            settings.setting(TENANT_SETTING, tenant);
        }
        if (kind != null) {
            settings.setting(KIND_SETTING, kind);
        }
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientName(name)
                .clientSecret(secretHash)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(settings.build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenTimeToLive).build())
                .build();
    }

    public static Grant grantOf(RegisteredClient client) {
        ClientSettings settings = client.getClientSettings();
        return new Grant(settings.getSetting(TENANT_SETTING), split(settings.getSetting(ROLES_SETTING)),
                split(settings.getSetting(PROPERTIES_SETTING)));
    }

    /** 256 random bits, prefixed so a leaked one is recognisable in a scan ({@code mlcs_}: MeterLedger client secret). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "mlcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> split(Object joined) {
        if (joined == null) {
            return List.of();
        }
        if (joined instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String text = joined.toString();
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).toList();
    }
}
