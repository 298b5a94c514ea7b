package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Invites a person into a tenant with the roles (and a property manager's properties) already judged against the
 * inviter. The person's name and e-mail are personal data: they stay in the person table, never here.
 */
public record InvitePerson(@TargetAggregateIdentifier StaffMemberId memberId, TenantId tenantId, PersonId personId,
                           List<String> roles, List<String> properties) {
    public InvitePerson {
        if (memberId == null || tenantId == null || personId == null) {
            throw new IllegalArgumentException("member, tenant and person are required");
        }
        roles = List.copyOf(roles);
        properties = List.copyOf(properties);
    }
}
