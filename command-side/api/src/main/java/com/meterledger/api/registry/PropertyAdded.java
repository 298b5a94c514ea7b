package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * A property was added to the tenant's registry with this name and address (the address may be null: none); who
 * added it is the event's actor (metadata). The first event of a property added since the registry recorded
 * additions; a property added before starts its history at its first correction ({@link PropertyDetailsChanged}).
 */
public record PropertyAdded(TenantId tenantId, PropertyId propertyId, String name, String address, Instant at) {
}
