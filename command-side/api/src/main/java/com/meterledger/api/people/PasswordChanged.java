package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * A member's person chose a new password through a mailed reset link; their earlier authorizations ended. Recorded
 * in each tenant the person works for, so its auditors see it; ids only, never the address or the password's hash.
 */
public record PasswordChanged(StaffMemberId memberId, TenantId tenantId, PersonId personId, Instant at) {
}
