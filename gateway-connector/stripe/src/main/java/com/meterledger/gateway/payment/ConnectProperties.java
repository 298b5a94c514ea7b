package com.meterledger.gateway.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code meterledger.stripe.connect}: where Stripe's onboarding sends the landlord back to (return) or when the link
 * lapsed (refresh). The pages there call {@code GET /api/payments/connect/return} or {@code .../refresh} with the
 * landlord's token.
 */
@ConfigurationProperties("meterledger.stripe.connect")
public record ConnectProperties(String returnUrl, String refreshUrl) {
    public ConnectProperties {
        returnUrl = returnUrl == null || returnUrl.isBlank() ? "http://localhost:8080/connect/return" : returnUrl;
        refreshUrl = refreshUrl == null || refreshUrl.isBlank() ? "http://localhost:8080/connect/refresh" : refreshUrl;
    }
}
