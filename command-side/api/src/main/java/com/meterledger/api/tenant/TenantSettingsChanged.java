package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

public record TenantSettingsChanged(TenantId tenantId, TenantSettings settings, Instant at) {
}
