package com.meterledger.api.tariff;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.error.Reason;

import java.math.BigDecimal;

/**
 * One block of a tiered tariff: consumption counted in the billing period up to {@code upTo} register units
 * (cumulative, from the previous block's bound) costs {@code price} minor units per unit. The last block has no
 * bound ({@code upTo == null}) and prices everything above the previous bound.
 */
public record TierBlock(BigDecimal upTo, BigDecimal price) {
    public TierBlock {
        if (upTo != null) {
            if (upTo.signum() <= 0) {
                throw new RuleViolation(TariffRules.TIERS_MALFORMED, Reason.of("tariff-tier-bound-not-positive",
                        "a tier bound must be positive, was " + upTo.toPlainString(), upTo.toPlainString()));
            }
            if (upTo.stripTrailingZeros().scale() > TariffRules.MAX_QUANTITY_SCALE) {
                throw new RuleViolation(TariffRules.TIERS_MALFORMED, Reason.of("tariff-tier-bound-too-precise",
                        "a tier bound may have at most " + TariffRules.MAX_QUANTITY_SCALE + " decimals, was "
                                + upTo.toPlainString(), TariffRules.MAX_QUANTITY_SCALE, upTo.toPlainString()));
            }
        }
        TariffRules.requirePrice(price, "tier price");
    }

    public static TierBlock upTo(String upTo, String price) {
        return new TierBlock(new BigDecimal(upTo), new BigDecimal(price));
    }

    public static TierBlock above(String price) {
        return new TierBlock(null, new BigDecimal(price));
    }
}
