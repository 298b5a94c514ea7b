package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a tenant's notification channels as a whole (the form's section is saved as a whole); the actor is in the
 * metadata. The staff address travels in the command only, never into the event.
 */
public record ChangeNotificationChannels(@TargetAggregateIdentifier TenantId tenantId, NotificationChannels channels) {
    public ChangeNotificationChannels {
        if (tenantId == null || channels == null) {
            throw new IllegalArgumentException("tenant id and notification channels are required");
        }
    }
}
