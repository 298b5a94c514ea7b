package com.meterledger.api.tariff;

import com.meterledger.api.error.RuleViolation;

import java.math.BigDecimal;

/**
 * The rule codes a tariff can violate (stable: clients act on them) and the checks every tariff value shares.
 * Prices are minor currency units per register unit (kWh, m3) or per day, zero or more, at most
 * {@value #MAX_PRICE_SCALE} decimals of a minor unit.
 */
public final class TariffRules {
    public static final int MAX_PRICE_SCALE = 6;
    /** Tier bounds are register quantities: at most this many decimals (kWh to the mWh, m3 to the ml). */
    public static final int MAX_QUANTITY_SCALE = 6;

    public static final String PRICE_NEGATIVE = "tariff-price-negative";
    public static final String PRICE_TOO_PRECISE = "tariff-price-too-precise";
    public static final String TIERS_MALFORMED = "tariff-tiers-malformed";
    public static final String TIERS_NOT_ASCENDING = "tariff-tiers-not-ascending";
    public static final String REGISTERS_MALFORMED = "tariff-registers-malformed";
    public static final String NAME_REQUIRED = "tariff-name-required";
    public static final String VERSION_NOT_AFTER_LATEST = "tariff-version-not-after-latest";
    public static final String VERSION_BACK_DATED = "tariff-version-back-dated";
    public static final String NO_VERSION_IN_FORCE = "tariff-no-version-in-force";
    public static final String REGISTER_NOT_PRICED = "tariff-register-not-priced";
    public static final String REGISTERS_REQUIRED = "tariff-registers-required";

    private TariffRules() {
    }

    /** @return the price, checked: present, not negative, at most six decimals of a minor unit */
    public static BigDecimal requirePrice(BigDecimal price, String what) {
        if (price == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (price.signum() < 0) {
            throw new RuleViolation(PRICE_NEGATIVE, what + " must not be negative, was " + price.toPlainString());
        }
        if (price.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw new RuleViolation(PRICE_TOO_PRECISE,
                    what + " may have at most " + MAX_PRICE_SCALE + " decimals of a minor unit, was " + price.toPlainString());
        }
        return price;
    }
}
