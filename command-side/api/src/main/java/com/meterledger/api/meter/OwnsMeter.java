package com.meterledger.api.meter;

import com.meterledger.api.shared.TenantId;

/**
 * Query: whether the tenant owns the meter, answered with a Boolean. Another tenant's meter is answered exactly like
 * an unknown one (false), so the answer reveals nothing about other tenants.
 */
public record OwnsMeter(TenantId tenantId, MeterId meterId) {
}
