package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a unit to a property, on the property's history (a unit is named within its property); the actor is in the
 * metadata. That the property is the tenant's and the unit id is free is checked by the registry's insert, in the
 * same transaction, before the command is sent.
 */
public record AddUnit(TenantId tenantId, PropertyId propertyId, UnitId unitId, String name) {
    public AddUnit {
        if (tenantId == null || propertyId == null || unitId == null) {
            throw new IllegalArgumentException("tenant id, property id and unit id are required");
        }
    }

    @TargetAggregateIdentifier
    public String recordId() {
        return PropertyDetailsChanged.recordOf(tenantId, propertyId);
    }
}
