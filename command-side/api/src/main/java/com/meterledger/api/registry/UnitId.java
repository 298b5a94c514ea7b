package com.meterledger.api.registry;

import com.meterledger.api.shared.Ids;

public record UnitId(String value) {
    public UnitId {
        Ids.requireValid(value, "unit id");
    }

    @Override
    public String toString() {
        return value;
    }
}
