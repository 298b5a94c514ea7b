package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/**
 * Answered with the {@link Landlord} an occupant deals with: the tenant's organisation name and language. Nothing for a
 * tenant that is not data (configured by the platform): its occupants' texts are signed as configured.
 */
public record FindLandlord(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
