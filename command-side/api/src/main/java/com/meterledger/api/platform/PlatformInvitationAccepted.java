package com.meterledger.api.platform;

import java.time.Instant;

/** The invited operator accepted (the metadata's actor is the operator themself). No address, no password. */
public record PlatformInvitationAccepted(PlatformPersonId personId, Instant at) {
}
