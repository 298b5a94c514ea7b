package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** One step of a tenant's life cycle; the actor is in the message's metadata, as for every event. */
public record TenantStatusChanged(TenantId tenantId, TenantStatus from, TenantStatus to, String reason, Instant at) {
}
