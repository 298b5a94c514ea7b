package com.meterledger.gateway.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code meterledger.stripe.connect}: where Stripe's onboarding sends the landlord back to (return) or when the link
 * lapsed (refresh): absolute addresses people can open, the web UI's Stripe page at the application's public address
 * by default (application.yml). Before, both defaulted to {@code http://localhost:8080/connect/...}, whatever the
 * port, and no page answered there.
 */
@ConfigurationProperties("meterledger.stripe.connect")
public record ConnectProperties(String returnUrl, String refreshUrl) {
    public ConnectProperties {
        requireAbsolute("return-url", returnUrl);
        requireAbsolute("refresh-url", refreshUrl);
    }

    private static void requireAbsolute(String name, String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new IllegalArgumentException("meterledger.stripe.connect." + name
                    + " must be an absolute http(s) address Stripe can send the landlord back to, not " + url);
        }
    }
}
