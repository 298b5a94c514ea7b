package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

/** Answered with a {@link TenantSummary}, or nothing for an unknown tenant. */
public record FindTenant(TenantId tenantId) {
}
