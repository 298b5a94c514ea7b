package com.meterledger.api.platform;

import java.time.Instant;

/** A platform operator was deactivated by {@code deactivatedBy} (an operator's principal; also the actor). */
public record PlatformPersonDeactivated(PlatformPersonId personId, String deactivatedBy, Instant at) {
}
