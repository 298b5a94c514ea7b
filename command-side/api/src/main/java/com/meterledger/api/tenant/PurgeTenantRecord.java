package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Deletes what the platform still keeps of a closed tenant, its retention period having passed at
 * {@code retainedUntil}. Sent by the platform's retention job only; the tenant must be closed.
 */
public record PurgeTenantRecord(@TargetAggregateIdentifier TenantId tenantId, Instant retainedUntil) {
    public PurgeTenantRecord {
        if (tenantId == null || retainedUntil == null) {
            throw new IllegalArgumentException("tenant id and the end of its retention are required");
        }
    }
}
