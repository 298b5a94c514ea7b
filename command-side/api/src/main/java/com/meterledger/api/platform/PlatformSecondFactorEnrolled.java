package com.meterledger.api.platform;

import java.time.Instant;

/**
 * A platform operator enrolled a TOTP second factor; {@code enrolledBy} is the actor (the operator themselves, at the
 * sign-in step or on their own page). The key stays sealed in {@code platform_person}, never in an event.
 */
public record PlatformSecondFactorEnrolled(PlatformPersonId personId, String enrolledBy, Instant at) {
}
