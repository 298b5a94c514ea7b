package com.meterledger.api.tenant;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The platform operator lifts its own suspension of a tenant, for a reason; the operator is the message's actor. It
 * lifts nothing else: a tenant suspended for an unpaid invoice stays suspended until the invoice is paid.
 */
public record ResumeTenantByOperator(@TargetAggregateIdentifier TenantId tenantId, String reason) {
    public ResumeTenantByOperator {
        FreeText.require("reason", reason, FreeText.TEXT);
        if (tenantId == null) {
            throw new IllegalArgumentException("tenant id is required");
        }
    }
}
