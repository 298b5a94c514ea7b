package com.meterledger.core.tariff;

import com.meterledger.api.tariff.BillingPeriod;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Consumption already counted towards the tiers of one billing period: the period kind, the local date it starts
 * on (in the tariff's zone) and the quantity counted so far. The engine returns the next counter with every priced
 * delta; the caller keeps it (e.g. on the account) and hands it back with the next delta. A counter of another
 * period is ignored: tiers restart at zero in a new period.
 */
public record TierCounter(BillingPeriod period, LocalDate periodStart, BigDecimal counted) {
    public TierCounter {
        if (period == null || periodStart == null || counted == null || counted.signum() < 0) {
            throw new IllegalArgumentException("period, period start and a non-negative count are required");
        }
    }
}
