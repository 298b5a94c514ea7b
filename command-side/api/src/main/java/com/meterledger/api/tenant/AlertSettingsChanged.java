package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A tenant's alert settings changed; who changed them is the event's actor (metadata). */
public record AlertSettingsChanged(TenantId tenantId, AlertSettings settings, Instant at) {
}
