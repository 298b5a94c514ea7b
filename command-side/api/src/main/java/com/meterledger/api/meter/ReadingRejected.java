package com.meterledger.api.meter;

import java.math.BigDecimal;
import java.time.Instant;

/** A reading that was refused and never charged, with the reason, kept so the meter's history explains itself. */
public record ReadingRejected(MeterId meterId, Instant readAt, BigDecimal registerValue, RejectionReason reason,
                              String detail) {
}
