package com.meterledger.api.account;

import java.math.BigDecimal;

/** One price for every unit consumed, in minor currency units per register unit (e.g. 25.5 cents per kWh). */
public record FlatTariff(BigDecimal minorUnitsPerUnit) {
    public static final int MAX_PRICE_SCALE = 6;

    public FlatTariff {
        if (minorUnitsPerUnit == null || minorUnitsPerUnit.signum() < 0) {
            throw new IllegalArgumentException("price must be zero or positive");
        }
        if (minorUnitsPerUnit.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw new IllegalArgumentException("price may have at most " + MAX_PRICE_SCALE + " decimals of a minor unit");
        }
    }
}
