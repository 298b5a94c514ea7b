package com.meterledger.query.dashboard;

import com.meterledger.api.shared.Utility;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A tenant's month across its properties: per property and for the whole tenant, per currency the opening and
 * closing money, credits, charges and adjustments (the sums of the accounts' period reports), arrears (what closing
 * balances below zero owe) and consumption charged per utility. The month is [from, to) in the dashboard zone.
 */
public record HeadOfficeRollup(YearMonth month, String zone, Instant from, Instant to, List<PropertyTotals> properties,
                               List<Totals> totals, List<UtilityTotal> consumption) {

    public record PropertyTotals(String propertyId, String propertyName, List<Totals> totals,
                                 List<UtilityTotal> consumption) {
    }

    public record Totals(String currency, long accounts, long openingBalanceMinor, long creditsMinor,
                         long chargesMinor, long adjustmentsMinor, long closingBalanceMinor, long arrearsMinor) {
    }

    public record UtilityTotal(Utility utility, String unit, BigDecimal quantity) {
    }
}
