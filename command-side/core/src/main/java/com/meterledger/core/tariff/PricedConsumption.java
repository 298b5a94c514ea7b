package com.meterledger.core.tariff;

/**
 * A priced consumption delta and the tier counter to keep for the next delta ({@code counterAfter} is the counter
 * passed in when no tiered version priced any of it; it may then be {@code null}).
 */
public record PricedConsumption(TariffBreakdown breakdown, TierCounter counterAfter) {
}
