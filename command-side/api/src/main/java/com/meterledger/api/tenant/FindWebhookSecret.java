package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/**
 * Answered with the tenant's current webhook signing secret, or nothing when it has none: for the adapter that signs
 * the tenant's webhooks, in process only. Its {@code toString} names the tenant, as every query's does.
 */
public record FindWebhookSecret(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
