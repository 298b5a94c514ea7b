package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A member's access to the tenant was taken away (by the actor in the metadata). */
public record PersonDeactivated(StaffMemberId memberId, TenantId tenantId, PersonId personId, Instant at) {
}
