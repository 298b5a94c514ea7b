package com.meterledger.gateway.notification.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.Money;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.DeliveryFailed;
import com.meterledger.gateway.notification.Fixtures;
import com.meterledger.gateway.notification.Notification;
import com.meterledger.gateway.notification.NotificationPort;
import com.meterledger.gateway.notification.NotificationTexts;
import com.meterledger.gateway.notification.OccupantContact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookAdapterTest {
    private static final Clock CLOCK = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private final WebhookAdapter adapter = new WebhookAdapter(Map.of("tenant-x", "whsec-tenant-x"),
            Duration.ofSeconds(2), new ObjectMapper(), CLOCK);

    private NotificationPort.Delivery delivery(Notification notification) {
        OccupantContact contact = new OccupantContact(notification.tenant(), notification.accountId(), null, null,
                null, URI.create(receiver.baseUrl() + "/hooks/meterledger"), Set.of(Channel.WEBHOOK));
        return new NotificationPort.Delivery(notification, contact, new NotificationTexts("x").render(notification, null));
    }

    @Test
    void postsJsonSignedWithTheTenantsSecretOverTimestampAndRawBody() throws Exception {
        receiver.stubFor(post("/hooks/meterledger").willReturn(aResponse().withStatus(204)));
        Notification low = Notification.lowBalance("evt-wh-1", Fixtures.TENANT, Fixtures.ACCOUNT, Fixtures.NOW, 1,
                Money.of(950, "EUR"), Money.of(1000, "EUR"));

        adapter.send(delivery(low));

        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/meterledger")));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        byte[] body = request.getBody();
        String signature = request.getHeader(WebhookSignature.HEADER);
        long now = Fixtures.NOW.getEpochSecond();
        assertThat(signature).startsWith("t=" + now + ",v1=");
        assertThat(WebhookSignature.verify("whsec-tenant-x", signature, body, now, 300)).isTrue();
        assertThat(WebhookSignature.verify("another-secret", signature, body, now, 300)).isFalse();
        assertThat(WebhookSignature.verify("whsec-tenant-x", signature, "{}".getBytes(), now, 300)).isFalse();
        assertThat(WebhookSignature.verify("whsec-tenant-x", signature, body, now + 3600, 300)).isFalse();
        assertThat(request.getHeader(WebhookAdapter.EVENT_ID_HEADER)).isEqualTo("evt-wh-1");

        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.get("type").asText()).isEqualTo("LOW_BALANCE");
        assertThat(json.get("accountId").asText()).isEqualTo("acc-1");
        assertThat(json.get("warningLevel").asInt()).isEqualTo(1);
        assertThat(json.get("balance").get("minorUnits").asLong()).isEqualTo(950);
        assertThat(json.get("balance").get("amount").asText()).isEqualTo("9.50");
        assertThat(json.get("threshold").get("currency").asText()).isEqualTo("EUR");
        assertThat(json.get("text").asText()).contains("9.50 EUR");
        assertThat(json.has("amount")).isFalse();
    }

    @Test
    void aTenantWithoutASecretGetsNoUnsignedCall() {
        Notification other = Notification.supplyOn("evt-wh-2", new com.meterledger.api.shared.TenantId("tenant-y"),
                new AccountId("acc-9"), Fixtures.METER, Fixtures.NOW);
        assertThatThrownBy(() -> adapter.send(delivery(other)))
                .isInstanceOf(DeliveryFailed.class)
                .hasMessageContaining("no webhook secret");
        receiver.verify(0, postRequestedFor(urlEqualTo("/hooks/meterledger")));
    }

    @Test
    void anErrorAnswerIsADeliveryFailure() {
        receiver.stubFor(post("/hooks/meterledger").willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> adapter.send(delivery(Fixtures.topUp("evt-wh-3"))))
                .isInstanceOf(DeliveryFailed.class)
                .hasMessageContaining("500");
    }

    @Test
    void theSignatureIsTheKnownHmacSha256OfTimestampDotBody() {
        // computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSignature.hmac("secret", 1_700_000_000L, "{\"a\":1}".getBytes()))
                .isEqualTo(EXPECTED);
    }

    private static final String EXPECTED = "49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";
}
