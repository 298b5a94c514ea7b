package com.meterledger.api.registry;

import com.meterledger.api.shared.Ids;

public record PropertyId(String value) {
    public PropertyId {
        Ids.requireValid(value, "property id");
    }

    @Override
    public String toString() {
        return value;
    }
}
