package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

public record TenantSummary(TenantId tenantId, TenantProfile profile, TenantStatus status, Instant statusSince) {
}
