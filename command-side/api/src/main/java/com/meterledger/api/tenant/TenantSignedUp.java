package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A new tenant, with the settings it starts with ({@link TenantSettings#standard}, recorded so a replay never changes). */
public record TenantSignedUp(TenantId tenantId, TenantProfile profile, TenantSettings settings, Instant at) {
}
