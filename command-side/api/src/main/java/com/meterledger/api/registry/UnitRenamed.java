package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A unit of a property got a new name; who renamed it is the event's actor (metadata). */
public record UnitRenamed(TenantId tenantId, PropertyId propertyId, UnitId unitId, String name, Instant at) {
}
