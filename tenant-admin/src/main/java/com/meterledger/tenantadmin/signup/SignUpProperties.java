package com.meterledger.tenantadmin.signup;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Platform-wide sign-up settings (not per tenant).
 *
 * @param verificationTimeToLive how long a verification link works
 * @param perAddressPerHour      sign-ups and verification mails one client address may ask for per hour
 * @param baseUrl                where people open the verification link (the public origin of the web pages)
 */
@ConfigurationProperties("meterledger.signup")
public record SignUpProperties(Duration verificationTimeToLive, Integer perAddressPerHour, String baseUrl) {
    public SignUpProperties {
        verificationTimeToLive = verificationTimeToLive == null ? Duration.ofHours(24) : verificationTimeToLive;
        perAddressPerHour = perAddressPerHour == null ? 5 : perAddressPerHour;
        baseUrl = baseUrl == null ? "" : baseUrl;
    }
}
