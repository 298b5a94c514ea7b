package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A deactivated member got access again (by the actor in the metadata). */
public record PersonReactivated(StaffMemberId memberId, TenantId tenantId, PersonId personId, Instant at) {
}
