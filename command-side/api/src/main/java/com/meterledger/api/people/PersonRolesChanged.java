package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;
import java.util.List;

/** A member's roles or property scope changed (by the actor in the metadata); before and after. */
public record PersonRolesChanged(StaffMemberId memberId, TenantId tenantId, PersonId personId,
                                 List<String> previousRoles, List<String> previousProperties,
                                 List<String> roles, List<String> properties, Instant at) {
}
