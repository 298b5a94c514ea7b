package com.meterledger.api.tariff;

import com.meterledger.api.shared.Ids;

/** A tariff of one tenant for one utility, e.g. "res-elec-2025". */
public record TariffId(String value) {
    public TariffId {
        Ids.requireValid(value, "tariff id");
    }

    @Override
    public String toString() {
        return value;
    }
}
