package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;

/** Query: the unit of a tenant's registry, answered with a {@link UnitSummary} or null when there is none. */
public record FindUnit(TenantId tenantId, UnitId unitId) {
}
