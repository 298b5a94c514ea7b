package com.meterledger.api.platform;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that sign-in locked a platform operator out until a moment, after repeated wrong passwords. */
public record RecordPlatformSignInLockout(@TargetAggregateIdentifier PlatformPersonId personId, int failures,
                                          Instant lockedUntil) {
    public RecordPlatformSignInLockout {
        if (personId == null || lockedUntil == null) {
            throw new IllegalArgumentException("person and until are required");
        }
    }
}
