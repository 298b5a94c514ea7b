package com.meterledger.api.client;

import com.meterledger.api.shared.Ids;

/**
 * A machine client's OAuth2 client id: made by MeterLedger ({@code mc-} and 20 random hex digits), never chosen by a
 * caller; only the local run's demo seeding gives its clients the ids the README publishes ({@code demo-landlord}).
 */
public record MachineClientId(String value) {
    public MachineClientId {
        Ids.requireValid(value, "machine client id");
    }

    @Override
    public String toString() {
        return value;
    }
}
