package com.meterledger.api.tenant;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a tenant along its life cycle, for a reason a person can read later (an operator's words, "invoice in_123
 * failed", "e-mail verified"). Who asked travels as the message's actor, as for every command.
 */
public record ChangeTenantStatus(@TargetAggregateIdentifier TenantId tenantId, TenantStatus to, String reason) {
    public ChangeTenantStatus {
        FreeText.require("reason", reason, FreeText.TEXT);
        if (tenantId == null || to == null) {
            throw new IllegalArgumentException("tenant id and target status are required");
        }
    }
}
