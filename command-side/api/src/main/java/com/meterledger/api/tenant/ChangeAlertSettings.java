package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a tenant's alert settings as a whole (the form's section is saved as a whole); the actor is in the metadata. */
public record ChangeAlertSettings(@TargetAggregateIdentifier TenantId tenantId, AlertSettings settings) {
    public ChangeAlertSettings {
        if (tenantId == null || settings == null) {
            throw new IllegalArgumentException("tenant id and alert settings are required");
        }
    }
}
