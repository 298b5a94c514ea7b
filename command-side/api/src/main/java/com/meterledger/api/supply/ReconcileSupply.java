package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The supply reconciler asks a meter to bring its relay to the state its account's current standing intends, when the
 * read model suggests the two differ. The meter decides: it does nothing when the relay is confirmed, or already
 * commanded, the intended way, so two nodes asking at once issue at most one command.
 */
public record ReconcileSupply(@TargetAggregateIdentifier MeterId meterId) {
}
