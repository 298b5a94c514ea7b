package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

import java.time.Instant;

/**
 * A command to the meter was abandoned ({@link SupplyCommandTimedOut} or {@link SupplyCommandFailed} without a retry),
 * so the supply reconciler does not issue the same action to it again before {@code notBefore}. The wait doubles with
 * each abandonment of the same action in a row ({@code abandonmentsInARow}) up to a cap, and ends early when the meter
 * can be reached again ({@link SupplyBackOffEnded}, a reading, a confirmed command) or its account now intends the
 * other action. It never holds back a decision of the account's own (a top-up's restore, a depletion's cut).
 */
public record SupplyRetryDeferred(MeterId meterId, SupplyCommandId commandId, SupplyAction action,
                                  int abandonmentsInARow, Instant notBefore) {
}
