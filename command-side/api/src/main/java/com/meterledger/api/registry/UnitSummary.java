package com.meterledger.api.registry;

public record UnitSummary(UnitId unitId, PropertyId propertyId, String name) {
}
