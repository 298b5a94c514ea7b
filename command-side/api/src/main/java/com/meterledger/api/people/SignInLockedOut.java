package com.meterledger.api.people;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * Sign-in locked a member's person out after {@code failures} wrong passwords in a row, until {@code lockedUntil}
 * (the back-off doubles with each lockout). Recorded in each tenant the person works for; no address, no password.
 */
public record SignInLockedOut(StaffMemberId memberId, TenantId tenantId, PersonId personId, int failures,
                              Instant lockedUntil, Instant at) {
}
