package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * The platform operator placed its suspension on the tenant, for this reason; the operator is the actor in the
 * metadata. The status becomes SUSPENDED by a {@link TenantStatusChanged} that follows, unless billing had suspended it
 * already; either way it stays so until {@link TenantResumedByOperator}, whatever billing says meanwhile.
 */
public record TenantSuspendedByOperator(TenantId tenantId, String reason, Instant at) {
}
