package com.meterledger.api.meter;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/** A cumulative register value read at a moment. Answered with a {@link ReadingOutcome}. */
public record RecordReading(@TargetAggregateIdentifier MeterId meterId, Instant readAt, BigDecimal registerValue) {
}
