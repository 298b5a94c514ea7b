package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** The tenant's webhook signing secret was replaced (by the actor in the metadata); the secret is not in here. */
public record WebhookSecretRotated(TenantId tenantId, Instant at) {
}
