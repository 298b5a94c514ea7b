package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/**
 * Answered with the most active meters the tenant's plan allows (a {@link Long}), or null while the tenant has no
 * plan with a limit (not subscribed yet, or a tenant the platform configures).
 */
public record FindMeterAllowance(TenantId tenantId) implements TenantScoped {
    public FindMeterAllowance {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenant id is required");
        }
    }

    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
