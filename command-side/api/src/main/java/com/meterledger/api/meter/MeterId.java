package com.meterledger.api.meter;

import com.meterledger.api.shared.Ids;

public record MeterId(String value) {
    public MeterId {
        Ids.requireValid(value, "meter id");
    }

    @Override
    public String toString() {
        return value;
    }
}
