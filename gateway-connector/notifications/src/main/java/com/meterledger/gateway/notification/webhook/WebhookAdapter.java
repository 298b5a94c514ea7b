package com.meterledger.gateway.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Money;
import com.meterledger.gateway.notification.Amounts;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.DeliveryFailed;
import com.meterledger.gateway.notification.Notification;
import com.meterledger.gateway.notification.NotificationPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Notifications as a signed JSON POST to the URL in the occupant's contact (for example a property manager's system).
 * The body is signed with the tenant's own secret (see {@link WebhookSignature}); a tenant without a secret gets no
 * unsigned calls: the delivery fails instead.
 */
public class WebhookAdapter implements NotificationPort {
    public static final String EVENT_ID_HEADER = "X-MeterLedger-Event-Id";

    private final RestClient http;
    private final Function<TenantId, Optional<String>> secretOf;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookAdapter(Map<String, String> secretsByTenant, Duration timeout, ObjectMapper json, Clock clock) {
        this(tenant -> Optional.ofNullable(secretsByTenant == null ? null : secretsByTenant.get(tenant.value())),
                timeout, json, clock);
    }

    /** @param secretOf the tenant's current signing secret, asked at each delivery (a rotated one is used at once) */
    public WebhookAdapter(Function<TenantId, Optional<String>> secretOf, Duration timeout, ObjectMapper json,
                          Clock clock) {
        this.secretOf = secretOf;
        this.json = json;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(Delivery delivery) {
        Notification n = delivery.notification();
        String secret = secretOf.apply(n.tenant()).orElse(null);
        if (secret == null || secret.isBlank()) {
            throw new DeliveryFailed("no webhook secret is configured for tenant " + n.tenant());
        }
        byte[] body = body(delivery);
        long timestamp = clock.instant().getEpochSecond();
        try {
            http.post().uri(delivery.recipient().webhookUrl())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(WebhookSignature.HEADER, WebhookSignature.header(secret, timestamp, body))
                    .header(EVENT_ID_HEADER, n.eventId())
                    .body(body)
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (!status.is2xxSuccessful()) {
                            throw new DeliveryFailed("webhook answered " + status.value());
                        }
                        return null;
                    });
        } catch (RestClientException e) {
            throw new DeliveryFailed("webhook unreachable: " + e.getMessage(), e);
        }
    }

    byte[] body(Delivery delivery) {
        Notification n = delivery.notification();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", n.eventId());
        body.put("type", n.kind().name());
        body.put("tenantId", n.tenant().value());
        body.put("accountId", n.accountId().value());
        if (n.meterId() != null) {
            body.put("meterId", n.meterId().value());
        }
        body.put("occurredAt", n.occurredAt().toString());
        putMoney(body, "amount", n.amount());
        putMoney(body, "balance", n.balance());
        putMoney(body, "threshold", n.threshold());
        if (n.warningLevel() != null) {
            body.put("warningLevel", n.warningLevel());
        }
        if (n.reference() != null) {
            body.put("reference", n.reference());
        }
        body.put("subject", delivery.message().subject());
        body.put("text", delivery.message().text());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putMoney(Map<String, Object> body, String key, Money money) {
        if (money != null) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("minorUnits", money.minorUnits());
            value.put("currency", money.currency().getCurrencyCode());
            value.put("amount", Amounts.decimal(money).toPlainString());
            body.put(key, value);
        }
    }
}
