package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a tenant's second-factor requirement; the actor is in the metadata. */
public record ChangeSecondFactorPolicy(@TargetAggregateIdentifier TenantId tenantId, SecondFactorPolicy policy) {
    public ChangeSecondFactorPolicy {
        if (tenantId == null || policy == null) {
            throw new IllegalArgumentException("tenant id and second-factor policy are required");
        }
    }
}
