package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the payment methods the tenant offers occupants; the actor travels in the metadata. */
public record ChoosePaymentMethods(@TargetAggregateIdentifier TenantId tenantId, PaymentMethodChoice choice) {
    public ChoosePaymentMethods {
        if (tenantId == null || choice == null) {
            throw new IllegalArgumentException("tenant id and choice are required");
        }
    }
}
