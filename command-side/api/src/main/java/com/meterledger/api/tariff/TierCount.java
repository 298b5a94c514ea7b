package com.meterledger.api.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Consumption an account has counted towards the tiers of one billing period: recorded with every charge so that
 * a replay of the account restores the count, and an auditor can see where in the tiers a reading started.
 *
 * @param periodStart the local date (in the tariff's zone) the billing period starts on
 */
public record TierCount(BillingPeriod period, LocalDate periodStart, BigDecimal counted) {
}
