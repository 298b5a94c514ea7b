package com.meterledger.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a machine client's access away: it can no longer obtain tokens. */
public record RevokeMachineClient(@TargetAggregateIdentifier MachineClientId clientId) {
    public RevokeMachineClient {
        if (clientId == null) {
            throw new IllegalArgumentException("client id is required");
        }
    }
}
