package com.meterledger.api.platform;

import java.time.Instant;

/**
 * Sign-in locked a platform operator out after {@code failures} wrong passwords in a row, until {@code lockedUntil},
 * with the same back-off as a tenant's staff. No address, no password.
 */
public record PlatformSignInLockedOut(PlatformPersonId personId, int failures, Instant lockedUntil, Instant at) {
}
