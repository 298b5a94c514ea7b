package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the tenant's webhook signing secret was replaced. The secret itself is a credential: it is kept in its
 * own table and shown once, never carried by a command or an event.
 */
public record RecordWebhookSecretRotation(@TargetAggregateIdentifier TenantId tenantId) {
    public RecordWebhookSecretRotation {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenant id is required");
        }
    }
}
