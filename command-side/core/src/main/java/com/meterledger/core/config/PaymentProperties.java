package com.meterledger.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * Amount limits of payments in minor units and the amounts the occupant's payment page offers:
 * {@code meterledger.payments.minimum-minor} / {@code maximum-minor} / {@code presets-minor} for every tenant,
 * {@code meterledger.payments.tenants.<tenant>.*} to override them. Checked at start-up: a positive minimum not above
 * the maximum, and every preset between them.
 */
@ConfigurationProperties("meterledger.payments")
public record PaymentProperties(Long minimumMinor, Long maximumMinor, List<Long> presetsMinor,
                                Map<String, Limits> tenants) {
    public PaymentProperties {
        minimumMinor = minimumMinor == null ? 100L : minimumMinor;
        maximumMinor = maximumMinor == null ? 100_000L : maximumMinor;
        presetsMinor = presetsMinor == null ? List.of(1_000L, 2_000L, 5_000L) : List.copyOf(presetsMinor);
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        check("meterledger.payments", minimumMinor, maximumMinor, presetsMinor);
        for (Map.Entry<String, Limits> tenant : tenants.entrySet()) {
            Limits limits = tenant.getValue();
            check("meterledger.payments.tenants." + tenant.getKey(),
                    limits.minimumMinor() != null ? limits.minimumMinor() : minimumMinor,
                    limits.maximumMinor() != null ? limits.maximumMinor() : maximumMinor,
                    limits.presetsMinor() != null ? limits.presetsMinor() : presetsMinor);
        }
    }

    public record Limits(Long minimumMinor, Long maximumMinor, List<Long> presetsMinor) {
    }

    public long minimumOf(String tenant) {
        Limits limits = tenants.get(tenant);
        return limits != null && limits.minimumMinor() != null ? limits.minimumMinor() : minimumMinor;
    }

    public long maximumOf(String tenant) {
        Limits limits = tenants.get(tenant);
        return limits != null && limits.maximumMinor() != null ? limits.maximumMinor() : maximumMinor;
    }

    public List<Long> presetsOf(String tenant) {
        Limits limits = tenants.get(tenant);
        return limits != null && limits.presetsMinor() != null ? List.copyOf(limits.presetsMinor()) : presetsMinor;
    }

    private static void check(String where, long minimum, long maximum, List<Long> presets) {
        if (minimum < 1 || maximum < minimum) {
            throw new IllegalArgumentException(where + ": the minimum must be positive and not above the maximum");
        }
        for (Long preset : presets) {
            if (preset == null || preset < minimum || preset > maximum) {
                throw new IllegalArgumentException(where + ": preset " + preset + " is outside " + minimum + ".."
                        + maximum);
            }
        }
    }
}
