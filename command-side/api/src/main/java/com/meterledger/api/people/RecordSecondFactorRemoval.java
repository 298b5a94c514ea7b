package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the member's person removed their own TOTP second factor (to move it to a new phone, say); the key is
 * never carried here, and the actor (the person) is in the metadata.
 */
public record RecordSecondFactorRemoval(@TargetAggregateIdentifier StaffMemberId memberId) {
    public RecordSecondFactorRemoval {
        if (memberId == null) {
            throw new IllegalArgumentException("member id is required");
        }
    }
}
