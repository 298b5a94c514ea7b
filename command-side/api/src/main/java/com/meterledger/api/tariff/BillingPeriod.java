package com.meterledger.api.tariff;

/**
 * The span within which a tiered tariff counts consumption. Periods start at midnight on the first day of the
 * month or year in the tariff's time zone; at the start of a new period the count restarts at zero.
 */
public enum BillingPeriod {
    MONTH,
    YEAR
}
