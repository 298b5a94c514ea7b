package com.meterledger.gateway.notification.sms;

import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.DeliveryFailed;
import com.meterledger.gateway.notification.NotificationPort;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.SmsSenderName;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Notifications as SMS through a provider's HTTP API of the common shape: {@code POST <endpoint>} with a JSON body
 * {@code {"to","from","text","reference"}} and the API key in a header. Any 2xx answer means accepted.
 *
 * <p>channels: each SMS goes under its tenant's sender name when the tenant set one (asked as it is sent, so a change
 * is used by the next SMS on any node): a sender ID in {@code from}; a Chinese signature in {@code from} and at the head
 * of the text, as Chinese carriers require ({@link SmsSenderName#sign}). Otherwise under the configured sender.
 */
public class SmsAdapter implements NotificationPort {
    private final RestClient http;
    private final URI endpoint;
    private final String apiKeyHeader;
    private final String apiKey;
    private final String sender;
    private final Function<TenantId, Optional<SmsSenderName>> senders;

    public SmsAdapter(URI endpoint, String apiKeyHeader, String apiKey, String sender, Duration timeout) {
        this(endpoint, apiKeyHeader, apiKey, sender, timeout, tenant -> Optional.empty());
    }

    /** @param senders the tenant's own sender name, or empty for the configured {@code sender} */
    public SmsAdapter(URI endpoint, String apiKeyHeader, String apiKey, String sender, Duration timeout,
                      Function<TenantId, Optional<SmsSenderName>> senders) {
        this.senders = senders;
        if (endpoint == null) {
            throw new IllegalArgumentException("meterledger.notifications.sms.endpoint is required");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("meterledger.notifications.sms.api-key is required");
        }
        this.endpoint = endpoint;
        this.apiKeyHeader = apiKeyHeader == null || apiKeyHeader.isBlank() ? "X-API-Key" : apiKeyHeader;
        this.apiKey = apiKey;
        this.sender = sender;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void send(Delivery delivery) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("to", delivery.recipient().phone());
        Optional<SmsSenderName> own = senders.apply(delivery.notification().tenant());
        String from = own.map(SmsSenderName::from).orElse(sender);
        if (from != null && !from.isBlank()) {
            body.put("from", from);
        }
        String text = delivery.message().text();
        body.put("text", own.map(name -> name.sign(text)).orElse(text));
        body.put("reference", delivery.notification().eventId());
        try {
            http.post().uri(endpoint)
                    .header(apiKeyHeader, apiKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (!status.is2xxSuccessful()) {
                            String answer = new String(response.getBody().readNBytes(300), StandardCharsets.UTF_8);
                            throw new DeliveryFailed("SMS provider answered " + status.value() + ": " + answer);
                        }
                        return null;
                    });
        } catch (RestClientException e) {
            throw new DeliveryFailed("SMS provider unreachable: " + e.getMessage(), e);
        }
    }
}
