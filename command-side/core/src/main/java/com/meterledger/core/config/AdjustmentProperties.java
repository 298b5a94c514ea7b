package com.meterledger.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * Approval limits of manual adjustments in minor units: {@code meterledger.adjustments.approval-limit} for every
 * tenant, {@code meterledger.adjustments.tenants.<tenant>} to override it.
 */
@ConfigurationProperties("meterledger.adjustments")
public record AdjustmentProperties(Long approvalLimit, Map<String, Long> tenants) {
    public AdjustmentProperties {
        approvalLimit = approvalLimit == null ? 5_000L : approvalLimit;
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    public long limitOf(String tenant) {
        return tenants.getOrDefault(tenant, approvalLimit);
    }
}
