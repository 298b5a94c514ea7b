package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/**
 * Answered with the tenant's {@link TenantSettings}, or nothing for a tenant that is not data (the platform's
 * configured defaults apply to it).
 */
public record FindTenantSettings(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
