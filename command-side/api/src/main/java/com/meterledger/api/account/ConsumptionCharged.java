package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.Money;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TierCount;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Consumption between two readings (and the daily standing charges due by the later one) priced by the account's
 * tariff and debited.
 *
 * <p>{@code lines} explain every minor unit: per version, tier or register, the quantity, unit price and exact
 * amount; standing-charge lines count days. {@code exactAmount} is their sum; {@code amount} is whole minor units:
 * {@code floor(exactAmount + remainder carried before)}, and the fraction not charged is {@code remainderCarried},
 * which counts towards the next charge, so rounding never drifts.
 *
 * @param from                  the previous reading (start of the priced interval)
 * @param quantity              the consumption in the interval (register units), the sum of {@code registers} if any
 * @param registers             per time-of-use register consumption (empty for a single-register reading)
 * @param tierCount             consumption counted in the billing period after this charge (null: no tiered version)
 * @param standingChargedUntil  standing charges are paid for every day before this one (tariff zone)
 */
public record ConsumptionCharged(AccountId accountId, MeterId meterId, TariffId tariffId, Instant from, Instant readAt,
                                 BigDecimal quantity, Map<String, BigDecimal> registers, List<ChargeLine> lines,
                                 BigDecimal exactAmount, Money amount, BigDecimal remainderCarried,
                                 TierCount tierCount, LocalDate standingChargedUntil, Money balanceAfter)
        implements MoneyMovement {
    public ConsumptionCharged {
        registers = registers == null ? Map.of() : registers;
        lines = lines == null ? List.of() : lines;
    }
}
