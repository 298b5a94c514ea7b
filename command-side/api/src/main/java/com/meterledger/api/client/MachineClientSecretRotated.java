package com.meterledger.api.client;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A machine client's secret was replaced (by the actor in the metadata); the secret is not in here. */
public record MachineClientSecretRotated(MachineClientId clientId, TenantId tenantId, Instant at) {
}
