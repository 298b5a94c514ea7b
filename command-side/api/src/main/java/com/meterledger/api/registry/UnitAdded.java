package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A unit was added to a property with this name; who added it is the event's actor (metadata). */
public record UnitAdded(TenantId tenantId, PropertyId propertyId, UnitId unitId, String name, Instant at) {
}
