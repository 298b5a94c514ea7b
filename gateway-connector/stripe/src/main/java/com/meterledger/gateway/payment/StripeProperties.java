package com.meterledger.gateway.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code meterledger.stripe}: the platform's secret key, the API base (Stripe's, or a local fake), the webhook
 * endpoint's signing secret and its tolerance window, the Connect endpoint's own signing secret (blank: none), and
 * where Checkout sends the payer back to.
 */
@ConfigurationProperties("meterledger.stripe")
public record StripeProperties(String apiKey, String apiBase, String webhookSecret, Duration webhookTolerance,
                               String successUrl, String cancelUrl, String connectWebhookSecret) {
    public StripeProperties {
        apiKey = apiKey == null ? "" : apiKey;
        apiBase = apiBase == null || apiBase.isBlank() ? "https://api.stripe.com" : apiBase;
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        connectWebhookSecret = connectWebhookSecret == null ? "" : connectWebhookSecret;
        webhookTolerance = webhookTolerance == null ? Duration.ofMinutes(5) : webhookTolerance;
        successUrl = successUrl == null ? "http://localhost:8080/pay/success" : successUrl;
        cancelUrl = cancelUrl == null ? "http://localhost:8080/pay/cancel" : cancelUrl;
    }
}
