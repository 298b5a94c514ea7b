package com.meterledger.api.meter;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/**
 * Answered with how many of the tenant's meters are active now (a {@link Long}): attached to an account, so they are
 * read and charged. The platform bills its tenants per active meter, and a plan's limit counts the same meters.
 */
public record CountActiveMeters(TenantId tenantId) implements TenantScoped {
    public CountActiveMeters {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenant id is required");
        }
    }

    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
