package com.meterledger.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a machine client's secret was replaced; the new secret is never in a message. */
public record RotateMachineClientSecret(@TargetAggregateIdentifier MachineClientId clientId) {
    public RotateMachineClientSecret {
        if (clientId == null) {
            throw new IllegalArgumentException("client id is required");
        }
    }
}
