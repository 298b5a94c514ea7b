package com.meterledger.api.platform;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator's second factor is taken away (a lost or replaced phone): recorded with its actor, never the key; the
 * operator's next sign-in enrols a new one where the platform requires it.
 */
public record RemovePlatformSecondFactor(@TargetAggregateIdentifier PlatformPersonId personId) {
    public RemovePlatformSecondFactor {
        if (personId == null) {
            throw new IllegalArgumentException("platform person id is required");
        }
    }
}
