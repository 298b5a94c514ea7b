package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The gateway side tells a meter that it can be reached again. A meter the supply reconciler is backing off (its last
 * commands were abandoned unanswered) ends the back-off and, when its relay is not heading where its account intends,
 * issues the command at once; any other meter does nothing, so the signal may be sent freely.
 */
public record NoteMeterReachable(@TargetAggregateIdentifier MeterId meterId, ReachabilitySignal signal) {
}
