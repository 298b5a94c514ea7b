package com.meterledger.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The platform's payment limits in minor units and the amounts the occupant's payment page offers, for a tenant that
 * has no settings of its own ({@code meterledger.payments.minimum-minor} / {@code maximum-minor} /
 * {@code presets-minor}). A tenant's own limits are data (its settings, changed with an event), never configuration
 * keyed by tenant. Checked at start-up: a positive minimum not above the maximum, and every preset between them.
 */
@ConfigurationProperties("meterledger.payments")
public record PaymentProperties(Long minimumMinor, Long maximumMinor, List<Long> presetsMinor) {
    public PaymentProperties {
        minimumMinor = minimumMinor == null ? 100L : minimumMinor;
        maximumMinor = maximumMinor == null ? 100_000L : maximumMinor;
        presetsMinor = presetsMinor == null ? List.of(1_000L, 2_000L, 5_000L) : List.copyOf(presetsMinor);
        if (minimumMinor < 1 || maximumMinor < minimumMinor) {
            throw new IllegalArgumentException(
                    "meterledger.payments: the minimum must be positive and not above the maximum");
        }
        for (Long preset : presetsMinor) {
            if (preset == null || preset < minimumMinor || preset > maximumMinor) {
                throw new IllegalArgumentException("meterledger.payments: preset " + preset + " is outside "
                        + minimumMinor + ".." + maximumMinor);
            }
        }
    }
}
