package com.meterledger.api.platform;

import java.time.Instant;

/** A platform operator's second factor was removed by {@code removedBy} (an operator's principal; also the actor). */
public record PlatformSecondFactorRemoved(PlatformPersonId personId, String removedBy, Instant at) {
}
