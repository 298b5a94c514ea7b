package com.meterledger.api.people;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Gives a member new roles and (for a property manager) a new property scope, already judged against the changer. */
public record ChangePersonRoles(@TargetAggregateIdentifier StaffMemberId memberId, List<String> roles,
                                List<String> properties) {
    public ChangePersonRoles {
        if (memberId == null) {
            throw new IllegalArgumentException("member id is required");
        }
        roles = List.copyOf(roles);
        properties = List.copyOf(properties);
    }
}
