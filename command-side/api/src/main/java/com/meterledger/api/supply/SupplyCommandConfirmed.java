package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;

/** The meter confirmed: its supply is now off (CUT) or on (RESTORE). */
public record SupplyCommandConfirmed(MeterId meterId, SupplyCommandId commandId, SupplyAction action) {
}
