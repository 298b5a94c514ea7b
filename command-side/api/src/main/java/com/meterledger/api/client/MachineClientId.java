package com.meterledger.api.client;

import com.meterledger.api.shared.Ids;

/** A machine client's OAuth2 client id: made by MeterLedger ({@code mc-} and 20 random hex digits), never chosen. */
public record MachineClientId(String value) {
    public MachineClientId {
        Ids.requireValid(value, "machine client id");
    }

    @Override
    public String toString() {
        return value;
    }
}
