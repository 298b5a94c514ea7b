package com.meterledger.gateway.notification.sms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.meterledger.gateway.notification.Channel;
import com.meterledger.gateway.notification.DeliveryFailed;
import com.meterledger.gateway.notification.Fixtures;
import com.meterledger.gateway.notification.NotificationPort;
import com.meterledger.gateway.notification.NotificationTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMS adapter against a local fake of the provider's HTTP API (WireMock on a random port). */
class SmsAdapterTest {
    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private SmsAdapter adapter() {
        return new SmsAdapter(URI.create(provider.baseUrl() + "/v1/messages"), "X-API-Key", "key-123",
                "Harbour", Duration.ofSeconds(2));
    }

    private static NotificationPort.Delivery delivery() {
        var notification = Fixtures.topUp("evt-sms-1");
        var contact = Fixtures.contact(Channel.SMS);
        return new NotificationPort.Delivery(notification, contact,
                new NotificationTexts("x").render(notification, contact.name()));
    }

    @Test
    void postsTheTextToTheProviderWithTheApiKey() {
        provider.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"sms-9\",\"status\":\"queued\"}")));

        adapter().send(delivery());

        provider.verify(1, postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("X-API-Key", equalTo("key-123"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"to":"+31612345678","from":"Harbour","reference":"evt-sms-1",
                         "text":"We received your top-up of 20.00 EUR for your prepaid account acc-1 (reference receipt-7). Your balance is now 24.50 EUR."}
                        """)));
    }

    @Test
    void aRefusalIsADeliveryFailureNamingTheStatus() {
        provider.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(401).withBody("bad key")));
        assertThatThrownBy(() -> adapter().send(delivery()))
                .isInstanceOf(DeliveryFailed.class)
                .hasMessageContaining("401")
                .hasMessageContaining("bad key");
    }

    @Test
    void aSlowProviderTimesOutInsteadOfBlockingTheProcessor() {
        provider.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(200).withFixedDelay(5000)));
        SmsAdapter impatient = new SmsAdapter(URI.create(provider.baseUrl() + "/v1/messages"), null, "key-123",
                null, Duration.ofMillis(300));
        assertThatThrownBy(() -> impatient.send(delivery())).isInstanceOf(DeliveryFailed.class);
    }

    @Test
    void givenTheTenantSetAChineseSignatureWhenAnSmsGoesThenItHeadsTheTextAndNamesTheSender() {
        provider.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(201)));
        SmsAdapter signed = new SmsAdapter(URI.create(provider.baseUrl() + "/v1/messages"), "X-API-Key", "key-123",
                "Harbour", Duration.ofSeconds(10), tenant -> java.util.Optional.of(
                new com.meterledger.api.tenant.SmsSenderName("【海港物业】")));

        signed.send(delivery());

        provider.verify(1, postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(equalToJson("""
                        {"to":"+31612345678","from":"海港物业","reference":"evt-sms-1",
                         "text":"【海港物业】We received your top-up of 20.00 EUR for your prepaid account acc-1 (reference receipt-7). Your balance is now 24.50 EUR."}
                        """)));
    }

    @Test
    void givenTheTenantSetASenderIdWhenAnSmsGoesThenItIsTheFromInsteadOfTheConfiguredOne() {
        provider.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(201)));
        SmsAdapter own = new SmsAdapter(URI.create(provider.baseUrl() + "/v1/messages"), "X-API-Key", "key-123",
                "Harbour", Duration.ofSeconds(10), tenant -> java.util.Optional.of(
                new com.meterledger.api.tenant.SmsSenderName("HarbourHome")));

        own.send(delivery());

        provider.verify(1, postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(equalToJson("""
                        {"to":"+31612345678","from":"HarbourHome","reference":"evt-sms-1",
                         "text":"We received your top-up of 20.00 EUR for your prepaid account acc-1 (reference receipt-7). Your balance is now 24.50 EUR."}
                        """)));
    }
}
