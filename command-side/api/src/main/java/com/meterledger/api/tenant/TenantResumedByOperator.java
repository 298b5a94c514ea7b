package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * The platform operator lifted its suspension, for this reason (the operator is the actor in the metadata). The
 * tenant returns to where billing stands ({@link TenantStatusChanged} follows), which stays SUSPENDED when an unpaid
 * invoice suspended it too.
 */
public record TenantResumedByOperator(TenantId tenantId, String reason, Instant at) {
}
