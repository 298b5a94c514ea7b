package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/** Answered with the tenant's {@link SmsSenderName}, or nothing while it never set one (the platform's sender). */
public record FindSmsSenderName(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
