package com.meterledger.api.shared;

import java.util.Objects;

/** A landlord organisation subscribing to MeterLedger: the unit of isolation. */
public record TenantId(String value) {
    public TenantId {
        Ids.requireValid(value, "tenant id");
    }

    @Override
    public String toString() {
        return value;
    }

    public boolean sameAs(String other) {
        return Objects.equals(value, other);
    }
}
