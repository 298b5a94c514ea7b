package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a member's access to the tenant away: no sign-in for it, and open sessions and refresh tokens end. */
public record DeactivatePerson(@TargetAggregateIdentifier StaffMemberId memberId) {
    public DeactivatePerson {
        if (memberId == null) {
            throw new IllegalArgumentException("member id is required");
        }
    }
}
