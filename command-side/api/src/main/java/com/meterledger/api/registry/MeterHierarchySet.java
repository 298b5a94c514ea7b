package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A master meter's sub-meters were set (none: removed); who set them is the event's actor (metadata). */
public record MeterHierarchySet(TenantId tenantId, MeterHierarchy hierarchy, Instant at) {
}
