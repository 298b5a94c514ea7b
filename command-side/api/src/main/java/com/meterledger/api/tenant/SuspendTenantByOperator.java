package com.meterledger.api.tenant;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The platform operator suspends a tenant's staff writes, for a reason a person reads later; the operator is the
 * message's actor. Kept apart from billing's {@link ChangeTenantStatus}: an operator's suspension is lifted only by an
 * operator ({@link ResumeTenantByOperator}), never by a paid invoice.
 */
public record SuspendTenantByOperator(@TargetAggregateIdentifier TenantId tenantId, String reason) {
    public SuspendTenantByOperator {
        FreeText.require("reason", reason, FreeText.TEXT);
        if (tenantId == null) {
            throw new IllegalArgumentException("tenant id is required");
        }
    }
}
