package com.meterledger.stripesandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends events as Stripe does: after the API call returns, one at a time, signed with Stripe's scheme
 * ({@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + payload)>}), tried again a few times until the endpoint
 * answers 2xx.
 */
final class SandboxWebhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);
    private static final int ATTEMPTS = 5;

    private final ObjectMapper json;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stripe-sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String endpoint;

    SandboxWebhooks(ObjectMapper json, String secret, String endpoint) {
        this.json = json;
        this.secret = secret;
        this.endpoint = endpoint;
    }

    void endpoint(String url) {
        endpoint = url;
    }

    /** An event about an object on a connected account (so Stripe names the account), sent in the background. */
    void send(String type, String account, String apiVersion, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_sbx_" + UUID.randomUUID().toString().replace("-", ""));
        event.put("object", "event");
        if (account != null) {
            event.put("account", account); // a platform event (the platform's own billing) names none
        }
        event.put("api_version", apiVersion);
        event.put("created", Instant.now().getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("request", Map.of());
        event.put("type", type);
        event.put("data", Map.of("object", object));
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sender.execute(() -> deliver(type, payload));
    }

    private void deliver(String type, String payload) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String target = endpoint;
            try {
                if (target != null && posted(target, payload) / 100 == 2) {
                    return;
                }
                Thread.sleep(1000L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("stripe sandbox: gave up delivering {} to {}", type, endpoint);
    }

    /** @return the endpoint's status, 0 when it could not be reached */
    private int posted(String target, String payload) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", signature(payload, Instant.now().getEpochSecond()))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            log.warn("stripe sandbox: could not reach {}: {}", target, e.getMessage());
            return 0;
        }
    }

    String signature(String payload, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
