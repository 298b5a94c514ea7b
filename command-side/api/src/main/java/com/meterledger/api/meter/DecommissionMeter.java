package com.meterledger.api.meter;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes a meter out of service for good: it accepts no reading, supply or attach command afterwards. Refused while
 * the meter supplies an account (move-out or meter replacement first). Decommissioning twice is a no-op.
 */
public record DecommissionMeter(@TargetAggregateIdentifier MeterId meterId, String reason) {
}
