package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

/** No acknowledgement in time; {@code willRetry} tells whether another attempt follows or the command is abandoned. */
public record SupplyCommandTimedOut(MeterId meterId, SupplyCommandId commandId, SupplyAction action, int attempt,
                                    boolean willRetry) {
}
