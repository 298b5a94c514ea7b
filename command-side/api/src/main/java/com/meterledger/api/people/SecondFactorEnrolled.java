package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** The member's person enrolled a TOTP second factor (the actor is the person); no secret, no code. */
public record SecondFactorEnrolled(StaffMemberId memberId, TenantId tenantId, PersonId personId, Instant at) {
}
