package com.meterledger.api.platform;

import java.time.Instant;

/** A platform operator was invited by {@code invitedBy} (an operator's principal; also the metadata's actor). */
public record PlatformPersonInvited(PlatformPersonId personId, String invitedBy, Instant at) {
}
