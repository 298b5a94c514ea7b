package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** @param statusReason why the tenant is in its status, as the actor gave it */
public record TenantSummary(TenantId tenantId, TenantProfile profile, TenantStatus status, String statusReason,
                            Instant statusSince) {
}
