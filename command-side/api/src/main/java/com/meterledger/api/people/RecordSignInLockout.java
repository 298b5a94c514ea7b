package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that sign-in locked the member's person out until a moment, after repeated failed passwords. */
public record RecordSignInLockout(@TargetAggregateIdentifier StaffMemberId memberId, int failures,
                                  Instant lockedUntil) {
    public RecordSignInLockout {
        if (memberId == null || lockedUntil == null) {
            throw new IllegalArgumentException("member and until are required");
        }
    }
}
