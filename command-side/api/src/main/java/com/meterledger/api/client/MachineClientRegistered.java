package com.meterledger.api.client;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;
import java.util.List;

/** A tenant's machine client was registered (by the actor in the metadata); its secret is not in here. */
public record MachineClientRegistered(MachineClientId clientId, TenantId tenantId, MachineClientKind kind,
                                      String name, List<String> roles, List<String> properties, Instant at) {
}
