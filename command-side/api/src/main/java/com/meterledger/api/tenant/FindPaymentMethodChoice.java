package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/** Answered with the tenant's {@link PaymentMethodChoice}: {@link PaymentMethodChoice#cardOnly()} until it chose. */
public record FindPaymentMethodChoice(TenantId tenantId) implements TenantScoped {
    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
