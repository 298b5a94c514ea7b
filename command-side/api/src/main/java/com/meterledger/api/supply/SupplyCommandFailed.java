package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

/**
 * The meter answered that it could not carry out the command (e.g. relay fault); {@code willRetry} tells whether
 * another attempt follows or the command is abandoned (events stored before retries existed read as abandoned).
 */
public record SupplyCommandFailed(MeterId meterId, SupplyCommandId commandId, SupplyAction action, String detail,
                                  int attempt, boolean willRetry) {
}
