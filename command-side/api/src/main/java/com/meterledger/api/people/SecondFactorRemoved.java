package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** The member's person removed their TOTP second factor (the actor is the person); no key, no code, no password. */
public record SecondFactorRemoved(StaffMemberId memberId, TenantId tenantId, PersonId personId, Instant at) {
}
