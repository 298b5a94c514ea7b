package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the member's person chose a new password through a mailed reset link. */
public record RecordPasswordChange(@TargetAggregateIdentifier StaffMemberId memberId) {
    public RecordPasswordChange {
        if (memberId == null) {
            throw new IllegalArgumentException("member is required");
        }
    }
}
