package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

/** The meter can be reached again ({@code signal} says how we know): the reconciler no longer waits to command it. */
public record SupplyBackOffEnded(MeterId meterId, ReachabilitySignal signal) {
}
