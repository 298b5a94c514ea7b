package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a deactivated member access again, with the roles held before. */
public record ReactivatePerson(@TargetAggregateIdentifier StaffMemberId memberId) {
    public ReactivatePerson {
        if (memberId == null) {
            throw new IllegalArgumentException("member id is required");
        }
    }
}
