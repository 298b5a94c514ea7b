package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/** Answered with the tenant's {@link NotificationChannels}: {@link NotificationChannels#standard()} until changed. */
public record FindNotificationChannels(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
