package com.meterledger.api.alert;

import com.meterledger.api.shared.TenantId;

/**
 * Tell a tenant's administrators that an alert opened in their inbox: which condition ({@code kind}, e.g.
 * {@code meter-not-read}), about what ({@code subjectType} and {@code subjectId}) and the rule that fired. A command,
 * never an event: it is a delivery, and whoever handles it looks up the people's addresses (never in a message).
 */
public record NotifyStaffOfAlert(TenantId tenantId, String kind, String subjectType, String subjectId, String rule) {
    public NotifyStaffOfAlert {
        if (tenantId == null || kind == null || subjectType == null || subjectId == null || rule == null) {
            throw new IllegalArgumentException("tenant, kind, subject and rule are required");
        }
    }
}
