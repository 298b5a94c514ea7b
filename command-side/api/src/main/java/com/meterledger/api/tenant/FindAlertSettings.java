package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/** Answered with the tenant's {@link AlertSettings}, or nothing while they were never changed (the standard applies). */
public record FindAlertSettings(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
