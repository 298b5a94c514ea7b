package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a property to the tenant's registry, starting the property's history (the address may be null: none); the
 * actor is in the metadata. It is sent in the transaction that inserts the registry's row, so the row and the event
 * are stored together or not at all.
 */
public record AddProperty(TenantId tenantId, PropertyId propertyId, String name, String address) {
    public AddProperty {
        if (tenantId == null || propertyId == null) {
            throw new IllegalArgumentException("tenant id and property id are required");
        }
    }

    @TargetAggregateIdentifier
    public String recordId() {
        return PropertyDetailsChanged.recordOf(tenantId, propertyId);
    }
}
