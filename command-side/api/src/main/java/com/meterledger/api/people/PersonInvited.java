package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;
import java.util.List;

/** A person was invited into a tenant (by the actor in the metadata) with these roles; no name, no e-mail. */
public record PersonInvited(StaffMemberId memberId, TenantId tenantId, PersonId personId,
                            List<String> roles, List<String> properties, Instant at) {
}
