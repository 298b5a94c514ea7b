package com.meterledger.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Amount limits of online payments in minor units: {@code meterledger.payments.minimum-minor} /
 * {@code maximum-minor} for every tenant, {@code meterledger.payments.tenants.<tenant>.minimum-minor} (and maximum)
 * to override them.
 */
@ConfigurationProperties("meterledger.payments")
public record PaymentProperties(Long minimumMinor, Long maximumMinor, Map<String, Limits> tenants) {
    public PaymentProperties {
        minimumMinor = minimumMinor == null ? 100L : minimumMinor;
        maximumMinor = maximumMinor == null ? 100_000L : maximumMinor;
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    public record Limits(Long minimumMinor, Long maximumMinor) {
    }

    public long minimumOf(String tenant) {
        Limits limits = tenants.get(tenant);
        return limits != null && limits.minimumMinor() != null ? limits.minimumMinor() : minimumMinor;
    }

    public long maximumOf(String tenant) {
        Limits limits = tenants.get(tenant);
        return limits != null && limits.maximumMinor() != null ? limits.maximumMinor() : maximumMinor;
    }
}
