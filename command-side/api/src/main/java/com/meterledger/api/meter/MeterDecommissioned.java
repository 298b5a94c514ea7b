package com.meterledger.api.meter;

import java.time.Instant;

/** The meter is out of service: no reading, supply or attach command is accepted for it any more. */
public record MeterDecommissioned(MeterId meterId, String reason, Instant decommissionedAt) {
}
