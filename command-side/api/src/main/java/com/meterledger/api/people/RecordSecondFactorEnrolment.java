package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the member's person enrolled a TOTP second factor; the secret is never carried here. */
public record RecordSecondFactorEnrolment(@TargetAggregateIdentifier StaffMemberId memberId) {
    public RecordSecondFactorEnrolment {
        if (memberId == null) {
            throw new IllegalArgumentException("member id is required");
        }
    }
}
