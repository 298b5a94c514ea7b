package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask for a meter's relay or valve to change; {@code rule} names the policy rule or operator reason behind it. */
public record RequestSupplyChange(@TargetAggregateIdentifier MeterId meterId, SupplyAction action, String rule) {
}
