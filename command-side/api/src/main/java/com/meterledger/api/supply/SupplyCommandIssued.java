package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

/** A control command goes down to the meter's gateway; it stays pending until confirmed, failed or abandoned. */
public record SupplyCommandIssued(MeterId meterId, SupplyCommandId commandId, SupplyAction action, String rule,
                                  int attempt) {
}
