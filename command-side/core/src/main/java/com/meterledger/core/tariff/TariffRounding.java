package com.meterledger.core.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns an exact breakdown total into whole minor units (every account charge goes through here): the
 * fraction of a minor unit not charged now is carried into the next charge, so the charges of any split of the same
 * consumption add up to the exact total rounded down once.
 */
public final class TariffRounding {
    private TariffRounding() {
    }

    /** Whole minor units to charge now and the fraction (0 &lt;= remainder &lt; 1) carried to the next charge. */
    public record RoundedCharge(long minorUnits, BigDecimal remainderCarried) {
    }

    public static RoundedCharge roundWithCarry(BigDecimal exactTotal, BigDecimal carriedRemainder) {
        if (exactTotal.signum() < 0 || carriedRemainder.signum() < 0) {
            throw new IllegalArgumentException("an exact charge and a carried remainder are never negative");
        }
        BigDecimal exact = exactTotal.add(carriedRemainder);
        BigDecimal whole = exact.setScale(0, RoundingMode.FLOOR);
        return new RoundedCharge(whole.longValueExact(), exact.subtract(whole));
    }

    public static RoundedCharge roundWithCarry(TariffBreakdown breakdown, BigDecimal carriedRemainder) {
        return roundWithCarry(breakdown.exactTotal(), carriedRemainder);
    }
}
