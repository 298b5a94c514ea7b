package com.meterledger.api.meter;

import com.meterledger.api.shared.TenantId;

/**
 * Query: where a meter of the tenant is installed and what it measures, answered with an
 * {@code Optional<MeterPlacement>}; another tenant's meter is answered exactly like an unknown one (empty).
 */
public record FindMeterPlacement(TenantId tenantId, MeterId meterId) {
}
