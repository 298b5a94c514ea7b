package com.meterledger.core.config;

import org.springframework.boot.context.properties.ConfigurationProperties;


/**
 * The platform's approval limit of manual adjustments in minor units ({@code meterledger.adjustments.approval-limit})
 * for a tenant that has no settings of its own; a tenant's own limit is its settings, never configuration keyed by
 * tenant.
 */
@ConfigurationProperties("meterledger.adjustments")
public record AdjustmentProperties(Long approvalLimit) {
    public AdjustmentProperties {
        approvalLimit = approvalLimit == null ? 5_000L : approvalLimit;
    }
}
