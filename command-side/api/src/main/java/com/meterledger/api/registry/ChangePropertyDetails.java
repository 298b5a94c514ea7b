package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Corrects a property's name and address, on the property's own history of such corrections; the actor is in the
 * metadata. That the property exists in the tenant's registry is checked before the command is sent.
 */
public record ChangePropertyDetails(TenantId tenantId, PropertyId propertyId, String name, String address) {
    public ChangePropertyDetails {
        if (tenantId == null || propertyId == null) {
            throw new IllegalArgumentException("tenant id and property id are required");
        }
    }

    @TargetAggregateIdentifier
    public String recordId() {
        return PropertyDetailsChanged.recordOf(tenantId, propertyId);
    }
}
