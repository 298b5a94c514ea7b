package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the name a tenant's SMS are sent under; the actor is in the metadata. */
public record ChangeSmsSenderName(@TargetAggregateIdentifier TenantId tenantId, SmsSenderName senderName) {
    public ChangeSmsSenderName {
        if (tenantId == null || senderName == null) {
            throw new IllegalArgumentException("tenant id and SMS sender name are required");
        }
    }
}
