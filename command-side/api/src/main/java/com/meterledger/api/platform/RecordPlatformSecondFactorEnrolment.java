package com.meterledger.api.platform;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator's second factor was confirmed by the app's first code: recorded with its actor, never the key. */
public record RecordPlatformSecondFactorEnrolment(@TargetAggregateIdentifier PlatformPersonId personId) {
    public RecordPlatformSecondFactorEnrolment {
        if (personId == null) {
            throw new IllegalArgumentException("platform person id is required");
        }
    }
}
