package com.meterledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens from the application's own authorization server, through its real token endpoint. A cached token is
 * renewed well before it expires: on a loaded machine the suite outlives the 30-minute token, and a CI run whose
 * later classes all answered 401 showed it.
 */
public final class TestTokens {
    private static final Map<String, String[]> ADMIN_CLIENTS = Map.of(
            IntegrationTest.TENANT_A, new String[]{"tenant-a-admin", "test-secret-a"},
            IntegrationTest.TENANT_B, new String[]{"tenant-b-admin", "test-secret-b"},
            IntegrationTest.TENANT_WITH_FRIENDLY_WINDOW, new String[]{"tenant-f-admin", "test-secret-f"},
            IntegrationTest.TENANT_ON_STRIPE_SANDBOX, new String[]{"tenant-s-admin", "test-secret-s"},
            IntegrationTest.TENANT_NOT_DATA, new String[]{"tenant-n-admin", "test-secret-n"});
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(10);
    private static final Map<String, Issued> CACHE = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    public static String adminOf(String tenant, int port) {
        String[] client = ADMIN_CLIENTS.get(tenant);
        return CACHE.compute(tenant + "@" + port, (key, cached) -> cached != null && cached.freshAt(Instant.now())
                ? cached : issue(port, client[0], client[1])).token();
    }

    public static String clientCredentials(int port, String clientId, String secret) {
        return issue(port, clientId, secret).token();
    }

    /** As {@link #clientCredentials}, from the cache while the cached token has more than ten minutes left. */
    public static String cachedClientCredentials(int port, String clientId, String secret) {
        return CACHE.compute("client:" + clientId + "@" + port, (key, cached) -> cached != null
                && cached.freshAt(Instant.now()) ? cached : issue(port, clientId, secret)).token();
    }

    private static Issued issue(int port, String clientId, String secret) {
        JsonNode token = RestClient.create("http://localhost:" + port).post().uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth(clientId, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("grant_type=client_credentials")
                .retrieve().body(JsonNode.class);
        return new Issued(token.get("access_token").asText(),
                Instant.now().plusSeconds(token.get("expires_in").asLong()));
    }

    private record Issued(String token, Instant expiresAt) {
        boolean freshAt(Instant now) {
            return now.plus(RENEW_BEFORE_EXPIRY).isBefore(expiresAt);
        }
    }
}
