package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * A property's name and address as they were corrected to (the address may be null: none); who corrected them is
 * the event's actor (metadata). A property's and a unit's name are the landlord's words for a building, never an
 * occupant's data.
 */
public record PropertyDetailsChanged(TenantId tenantId, PropertyId propertyId, String name, String address,
                                     Instant at) {
    /** The id of a property's history of additions and corrections: aggregate ids are one name space across tenants. */
    public static String recordOf(TenantId tenantId, PropertyId propertyId) {
        return "property:" + tenantId.value() + ":" + propertyId.value();
    }
}
