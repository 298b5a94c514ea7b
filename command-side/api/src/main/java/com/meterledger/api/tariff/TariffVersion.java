package com.meterledger.api.tariff;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One version of a tariff: from {@code effectiveFrom} (inclusive) until the next version's, consumption is priced
 * by {@code schedule}, and every day whose start (midnight in the tariff's zone) falls in that span costs
 * {@code standingChargePerDay} minor units.
 */
public record TariffVersion(Instant effectiveFrom, TariffSchedule schedule, BigDecimal standingChargePerDay) {
    public TariffVersion {
        if (effectiveFrom == null) {
            throw new IllegalArgumentException("effective-from is required");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule is required");
        }
        TariffRules.requirePrice(standingChargePerDay, "daily standing charge");
    }
}
