package com.meterledger.tenantadmin.occupantlink;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param secret     HMAC-SHA256 key for payment-link tokens, at least 32 bytes; from the environment in production
 * @param timeToLive how long a new link stays valid
 * @param baseUrl    where occupants open their link (the payment pages, {@link OccupantPageController})
 * @param deviceTimeToLive how long a phone the occupant let the portal remember opens it without a link, from the
 *                   moment it was remembered ({@link RememberedDevices}); the platform's default is 180 days
 */
@ConfigurationProperties("meterledger.auth.payment-links")
public record PaymentLinkProperties(String secret, Duration timeToLive, String baseUrl, Duration deviceTimeToLive) {
    /** The platform's default lifetime of a remembered phone. */
    public static final Duration DEVICE_TIME_TO_LIVE = Duration.ofDays(180);

    public PaymentLinkProperties {
        if (secret == null || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("meterledger.auth.payment-links.secret must be at least 32 bytes");
        }
        timeToLive = timeToLive == null ? Duration.ofDays(7) : timeToLive;
        baseUrl = baseUrl == null ? "" : baseUrl;
        deviceTimeToLive = deviceTimeToLive == null ? DEVICE_TIME_TO_LIVE : deviceTimeToLive;
        if (deviceTimeToLive.isNegative() || deviceTimeToLive.isZero()) {
            throw new IllegalArgumentException("meterledger.auth.payment-links.device-time-to-live must be positive");
        }
    }
}
