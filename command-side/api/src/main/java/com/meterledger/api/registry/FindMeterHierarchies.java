package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/**
 * Query: every master meter of the tenant with its sub-meters, answered with a {@code List<MeterHierarchy>}; scoped,
 * so the answering transaction is the asked tenant's (the alert evaluator asks from outside a request).
 */
public record FindMeterHierarchies(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
