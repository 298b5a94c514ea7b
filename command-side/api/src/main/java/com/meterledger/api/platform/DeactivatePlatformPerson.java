package com.meterledger.api.platform;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator takes another operator's (or their own) access away: no sign-in, sessions and tokens end at once. */
public record DeactivatePlatformPerson(@TargetAggregateIdentifier PlatformPersonId personId) {
    public DeactivatePlatformPerson {
        if (personId == null) {
            throw new IllegalArgumentException("platform person id is required");
        }
    }
}
