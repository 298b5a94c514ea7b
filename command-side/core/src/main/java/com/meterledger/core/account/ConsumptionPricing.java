package com.meterledger.core.account;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns an exact price into whole minor units. The fraction of a minor unit that is not charged now is carried
 * into the next charge, so however consumption is split into readings, the charges add up to the exact total
 * rounded down once.
 */
public final class ConsumptionPricing {
    private ConsumptionPricing() {
    }

    public record PricedCharge(long minorUnits, BigDecimal remainder) {
    }

    public static PricedCharge charge(BigDecimal quantity, BigDecimal minorUnitsPerUnit, BigDecimal carriedRemainder) {
        if (quantity.signum() < 0 || minorUnitsPerUnit.signum() < 0 || carriedRemainder.signum() < 0) {
            throw new IllegalArgumentException("quantity, price and carried remainder are never negative");
        }
        BigDecimal exact = quantity.multiply(minorUnitsPerUnit).add(carriedRemainder);
        BigDecimal whole = exact.setScale(0, RoundingMode.FLOOR);
        return new PricedCharge(whole.longValueExact(), exact.subtract(whole));
    }
}
