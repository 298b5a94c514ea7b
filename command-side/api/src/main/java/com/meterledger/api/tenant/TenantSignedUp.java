package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

public record TenantSignedUp(TenantId tenantId, TenantProfile profile, Instant at) {
}
