package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

/** The meter answered that it could not carry out the command (e.g. relay fault). */
public record SupplyCommandFailed(MeterId meterId, SupplyCommandId commandId, SupplyAction action, String detail) {
}
