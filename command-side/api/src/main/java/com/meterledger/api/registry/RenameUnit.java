package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives a unit of a property a new name, on its property's history of corrections (a unit is named within its
 * property); the actor is in the metadata. That the unit is the property's is checked before the command is sent.
 */
public record RenameUnit(TenantId tenantId, PropertyId propertyId, UnitId unitId, String name) {
    public RenameUnit {
        if (tenantId == null || propertyId == null || unitId == null) {
            throw new IllegalArgumentException("tenant id, property id and unit id are required");
        }
    }

    @TargetAggregateIdentifier
    public String recordId() {
        return PropertyDetailsChanged.recordOf(tenantId, propertyId);
    }
}
