package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Keep-on: a protected meter is never cut for low balance (medical equipment, vulnerable occupant, ...). */
public record ProtectMeter(@TargetAggregateIdentifier MeterId meterId, boolean protect, String reason) {
}
