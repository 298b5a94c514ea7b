package com.meterledger.api.client;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Registers a tenant's machine client with the roles it may hold (already judged against its kind and its creator).
 * The secret is a credential: it is stored as a hash beside the client and shown once, never carried here.
 */
public record RegisterMachineClient(@TargetAggregateIdentifier MachineClientId clientId, TenantId tenantId,
                                    MachineClientKind kind, String name, List<String> roles,
                                    List<String> properties) {
    public RegisterMachineClient {
        if (clientId == null || tenantId == null || kind == null || name == null) {
            throw new IllegalArgumentException("client id, tenant, kind and name are required");
        }
        roles = List.copyOf(roles);
        properties = List.copyOf(properties);
    }
}
