package com.meterledger.api.supply;

import com.meterledger.api.shared.Ids;

/** Identifies one control command sent down to a meter, from request to the gateway's acknowledgement. */
public record SupplyCommandId(String value) {
    public SupplyCommandId {
        Ids.requireValid(value, "supply command id");
    }

    @Override
    public String toString() {
        return value;
    }
}
