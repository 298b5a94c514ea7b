package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a tenant's settings as a whole (a form is saved as a whole); the actor travels in the metadata. */
public record ChangeTenantSettings(@TargetAggregateIdentifier TenantId tenantId, TenantSettings settings) {
    public ChangeTenantSettings {
        if (tenantId == null || settings == null) {
            throw new IllegalArgumentException("tenant id and settings are required");
        }
    }
}
