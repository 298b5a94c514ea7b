package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a tenant in {@link TenantStatus#SIGNED_UP}; its id is the slug the property group chose. */
public record SignUpTenant(@TargetAggregateIdentifier TenantId tenantId, TenantProfile profile) {
    public SignUpTenant {
        if (tenantId == null || profile == null) {
            throw new IllegalArgumentException("tenant id and profile are required");
        }
    }
}
