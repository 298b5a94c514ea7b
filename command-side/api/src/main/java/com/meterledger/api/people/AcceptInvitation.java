package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invited person opened the mailed link and (if new) chose a password: the membership becomes active. */
public record AcceptInvitation(@TargetAggregateIdentifier StaffMemberId memberId) {
    public AcceptInvitation {
        if (memberId == null) {
            throw new IllegalArgumentException("member id is required");
        }
    }
}
