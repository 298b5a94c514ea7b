package com.meterledger.api.client;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A machine client's access was taken away (by the actor in the metadata). */
public record MachineClientRevoked(MachineClientId clientId, TenantId tenantId, Instant at) {
}
