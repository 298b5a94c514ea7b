package com.meterledger.api.platform;

import java.time.Instant;

/**
 * A platform operator was made, by {@code actor} (an operator's principal, {@code demo-seeder} or
 * {@code platform-bootstrap}; also in the metadata). No address, no password, no tenant.
 */
public record PlatformPersonAdded(PlatformPersonId personId, String actor, Instant at) {
}
