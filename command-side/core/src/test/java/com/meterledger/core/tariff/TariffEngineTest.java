package com.meterledger.core.tariff;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.ChargeKind;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TariffEngineTest {
    private static final ZoneId ZONE = ZoneId.of("Africa/Johannesburg");

    /** Three increasing blocks per calendar month; prices in minor units (cents) per kWh. */
    private static final TariffSchedule.Tiered RESIDENTIAL = new TariffSchedule.Tiered(BillingPeriod.MONTH, List.of(
            TierBlock.upTo("50", "12.5"),
            TierBlock.upTo("150", "18.75"),
            TierBlock.above("27.3")));

    private static final TariffTimeline RESIDENTIAL_SINCE_JANUARY =
            TariffTimeline.of(ZONE, version(local(2025, 1, 1, 0), RESIDENTIAL, "0"));

    /**
     * The worked example: a reading that crosses two tier boundaries.
     *
     * <pre>
     * Tiers (per calendar month): 0-50 kWh at 12.5, 50-150 kWh at 18.75, above 150 kWh at 27.3 cents/kWh.
     * Already counted this month: 40 kWh.  This reading: 130.5 kWh, so the month's count goes 40 -> 170.5.
     *
     *   tier 1:  50   - 40  =  10   kWh x 12.5  =   125.00
     *   tier 2:  150  - 50  = 100   kWh x 18.75 =  1875.00
     *   tier 3:  170.5 - 150 = 20.5 kWh x 27.3  =   559.65
     *                         -----                -------
     *                         130.5 kWh             2559.65 cents, exact
     *
     * Rounded with a carried remainder of 0.40 from the previous charge: 2559.65 + 0.40 = 2560.05
     *   -> charge 2560 cents now, carry 0.05 to the next charge.
     * </pre>
     */
    @Test
    void worked_example_a_reading_crossing_two_tier_boundaries_is_split_across_three_tiers() {
        Instant from = local(2025, 3, 10, 8);
        Instant to = local(2025, 3, 12, 8);
        TierCounter counted = new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 3, 1), new BigDecimal("40"));

        PricedConsumption priced = TariffEngine.price(RESIDENTIAL_SINCE_JANUARY,
                ConsumptionDelta.total(from, to, new BigDecimal("130.5")), counted);

        assertThat(priced.breakdown().lines())
                .extracting(ChargeLine::component, ChargeLine::quantity, ChargeLine::unitPrice, ChargeLine::amount)
                .usingRecursiveFieldByFieldElementComparator(BIG_DECIMALS_BY_VALUE)
                .containsExactly(
                        tuple("tier-1", dec("10"), dec("12.5"), dec("125")),
                        tuple("tier-2", dec("100"), dec("18.75"), dec("1875")),
                        tuple("tier-3", dec("20.5"), dec("27.3"), dec("559.65")));
        assertThat(priced.breakdown().lines()).allSatisfy(line -> {
            assertThat(line.kind()).isEqualTo(ChargeKind.TIER);
            assertThat(line.version()).isEqualTo(1);
            assertThat(line.from()).isEqualTo(from);
            assertThat(line.to()).isEqualTo(to);
        });
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("2559.65");
        assertThat(priced.counterAfter())
                .isEqualTo(new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 3, 1), new BigDecimal("170.5")));

        TariffRounding.RoundedCharge charge = TariffRounding.roundWithCarry(priced.breakdown(), new BigDecimal("0.40"));
        assertThat(charge.minorUnits()).isEqualTo(2560);
        assertThat(charge.remainderCarried()).isEqualByComparingTo("0.05");
    }

    /**
     * Rule: a billing period starting inside the reading interval splits the delta by time, and the tiers restart.
     * 48 kWh over 48 hours spanning midnight 1 April: 24 kWh in March (count 140 -> 164: 10 kWh in tier 2 at 18.75
     * = 187.5, 14 kWh in tier 3 at 27.3 = 382.2), 24 kWh in April from zero (tier 1 at 12.5 = 300). Total 869.7.
     */
    @Test
    void a_month_starting_inside_the_reading_interval_pro_rates_the_delta_by_time_and_restarts_the_tiers() {
        TierCounter march = new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 3, 1), new BigDecimal("140"));
        Instant aprilFirst = local(2025, 4, 1, 0);

        PricedConsumption priced = TariffEngine.price(RESIDENTIAL_SINCE_JANUARY,
                ConsumptionDelta.total(local(2025, 3, 31, 0), local(2025, 4, 2, 0), new BigDecimal("48")), march);

        assertThat(priced.breakdown().lines())
                .extracting(ChargeLine::component, ChargeLine::quantity, ChargeLine::amount, ChargeLine::to)
                .usingRecursiveFieldByFieldElementComparator(BIG_DECIMALS_BY_VALUE)
                .containsExactly(
                        tuple("tier-2", dec("10"), dec("187.5"), aprilFirst),
                        tuple("tier-3", dec("14"), dec("382.2"), aprilFirst),
                        tuple("tier-1", dec("24"), dec("300"), local(2025, 4, 2, 0)));
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("869.7");
        assertThat(priced.counterAfter())
                .isEqualTo(new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 4, 1), new BigDecimal("24")));
    }

    @Test
    void a_counter_of_an_earlier_period_is_ignored_so_a_new_month_starts_in_tier_one() {
        TierCounter february = new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 2, 1), new BigDecimal("500"));

        PricedConsumption priced = TariffEngine.price(RESIDENTIAL_SINCE_JANUARY,
                ConsumptionDelta.total(local(2025, 3, 2, 0), local(2025, 3, 3, 0), new BigDecimal("5")), february);

        assertThat(priced.breakdown().lines()).extracting(ChargeLine::component).containsExactly("tier-1");
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("62.5");
    }

    @Test
    void a_yearly_tiered_tariff_counts_across_months_and_restarts_on_the_first_of_january() {
        TariffSchedule.Tiered yearly = new TariffSchedule.Tiered(BillingPeriod.YEAR,
                List.of(TierBlock.upTo("1000", "10"), TierBlock.above("20")));
        TariffTimeline timeline = TariffTimeline.of(ZONE, version(local(2024, 1, 1, 0), yearly, "0"));
        TierCounter soFar = new TierCounter(BillingPeriod.YEAR, LocalDate.of(2024, 1, 1), new BigDecimal("995"));

        // 31 Dec 12:00 -> 1 Jan 12:00, 10 m3: 5 in 2024 (995 -> 1000, tier 1), 5 in 2025 (restart, tier 1)
        PricedConsumption priced = TariffEngine.price(timeline,
                ConsumptionDelta.total(local(2024, 12, 31, 12), local(2025, 1, 1, 12), BigDecimal.TEN), soFar);

        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("100");
        assertThat(priced.counterAfter())
                .isEqualTo(new TierCounter(BillingPeriod.YEAR, LocalDate.of(2025, 1, 1), new BigDecimal("5")));
    }

    /** Rule: consumption is priced by the version in force when it was used, the delta pro-rated by time. */
    @Test
    void a_new_version_taking_effect_inside_the_reading_interval_prices_only_the_part_used_after_it() {
        Instant change = local(2025, 3, 15, 0);
        TariffTimeline timeline = TariffTimeline.of(ZONE,
                version(local(2025, 1, 1, 0), new TariffSchedule.Flat(dec("20")), "0"),
                version(change, new TariffSchedule.Flat(dec("25")), "0"));

        PricedConsumption priced = TariffEngine.price(timeline,
                ConsumptionDelta.total(local(2025, 3, 14, 12), local(2025, 3, 15, 12), BigDecimal.TEN), null);

        assertThat(priced.breakdown().lines())
                .extracting(ChargeLine::version, ChargeLine::quantity, ChargeLine::unitPrice, ChargeLine::to)
                .usingRecursiveFieldByFieldElementComparator(BIG_DECIMALS_BY_VALUE)
                .containsExactly(tuple(1, dec("5"), dec("20"), change), tuple(2, dec("5"), dec("25"), local(2025, 3, 15, 12)));
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("225");
        assertThat(priced.counterAfter()).isNull();
    }

    @Test
    void a_version_change_inside_a_month_keeps_the_months_count_for_the_new_tiers() {
        TariffSchedule.Tiered dearer = new TariffSchedule.Tiered(BillingPeriod.MONTH,
                List.of(TierBlock.upTo("50", "13"), TierBlock.upTo("150", "20"), TierBlock.above("30")));
        Instant change = local(2025, 3, 15, 0);
        TariffTimeline timeline = TariffTimeline.of(ZONE, version(local(2025, 1, 1, 0), RESIDENTIAL, "0"),
                version(change, dearer, "0"));
        TierCounter counted = new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 3, 1), new BigDecimal("45"));

        // 14 Mar 00:00 -> 16 Mar 00:00, 20 kWh: 10 under v1 (45 -> 55: 5 x 12.5 + 5 x 18.75 = 156.25),
        // 10 under v2 continuing from 55 (10 x 20 = 200)
        PricedConsumption priced = TariffEngine.price(timeline,
                ConsumptionDelta.total(local(2025, 3, 14, 0), local(2025, 3, 16, 0), new BigDecimal("20")), counted);

        assertThat(priced.breakdown().lines()).extracting(ChargeLine::version, ChargeLine::component)
                .containsExactly(tuple(1, "tier-1"), tuple(1, "tier-2"), tuple(2, "tier-2"));
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("356.25");
        assertThat(priced.counterAfter().counted()).isEqualByComparingTo("65");
    }

    @Test
    void pro_rated_shares_that_do_not_divide_evenly_still_add_up_to_the_delta_exactly() {
        TariffTimeline timeline = TariffTimeline.of(ZONE,
                version(local(2025, 1, 1, 0), new TariffSchedule.Flat(dec("1")), "0"),
                version(local(2025, 3, 2, 0), new TariffSchedule.Flat(dec("1")), "0"),
                version(local(2025, 3, 3, 0), new TariffSchedule.Flat(dec("1")), "0"));

        PricedConsumption priced = TariffEngine.price(timeline,
                ConsumptionDelta.total(local(2025, 3, 1, 0), local(2025, 3, 4, 0), BigDecimal.TEN), null);

        assertThat(priced.breakdown().lines()).extracting(ChargeLine::quantity)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("3.333333"), dec("3.333334"), dec("3.333333"));
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("10");
    }

    @Test
    void time_of_use_registers_are_each_priced_at_their_own_price() {
        TariffSchedule.TimeOfUse tou = new TariffSchedule.TimeOfUse(Map.of(
                "sharp", dec("30"), "peak", dec("25"), "flat", dec("18"), "valley", dec("9")));
        TariffTimeline timeline = TariffTimeline.of(ZONE, version(local(2025, 1, 1, 0), tou, "0"));

        PricedConsumption priced = TariffEngine.price(timeline, ConsumptionDelta.perRegister(local(2025, 3, 1, 0),
                local(2025, 3, 2, 0), Map.of("sharp", dec("1.2"), "peak", dec("3.5"), "flat", dec("4"),
                        "valley", dec("10.25"))), null);

        // 1.2 x 30 + 3.5 x 25 + 4 x 18 + 10.25 x 9 = 36 + 87.5 + 72 + 92.25 = 287.75
        assertThat(priced.breakdown().lines())
                .extracting(ChargeLine::kind, ChargeLine::component, ChargeLine::amount)
                .usingRecursiveFieldByFieldElementComparator(BIG_DECIMALS_BY_VALUE)
                .containsExactly(tuple(ChargeKind.REGISTER, "flat", dec("72")),
                        tuple(ChargeKind.REGISTER, "peak", dec("87.5")),
                        tuple(ChargeKind.REGISTER, "sharp", dec("36")),
                        tuple(ChargeKind.REGISTER, "valley", dec("92.25")));
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("287.75");
    }

    @Test
    void a_register_the_version_does_not_price_is_refused() {
        TariffTimeline timeline = TariffTimeline.of(ZONE, version(local(2025, 1, 1, 0),
                new TariffSchedule.TimeOfUse(Map.of("peak", dec("25"), "valley", dec("9"))), "0"));
        ConsumptionDelta delta = ConsumptionDelta.perRegister(local(2025, 3, 1, 0), local(2025, 3, 2, 0),
                Map.of("peak", dec("1"), "shoulder", dec("2")));

        assertThatThrownBy(() -> TariffEngine.price(timeline, delta, null))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(TariffRules.REGISTER_NOT_PRICED));
    }

    @Test
    void a_time_of_use_version_refuses_a_bare_total() {
        TariffTimeline timeline = TariffTimeline.of(ZONE, version(local(2025, 1, 1, 0),
                new TariffSchedule.TimeOfUse(Map.of("peak", dec("25"))), "0"));

        assertThatThrownBy(() -> TariffEngine.price(timeline,
                ConsumptionDelta.total(local(2025, 3, 1, 0), local(2025, 3, 2, 0), BigDecimal.ONE), null))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(TariffRules.REGISTERS_REQUIRED));
    }

    @Test
    void a_flat_version_prices_the_sum_of_per_register_deltas() {
        TariffTimeline timeline = TariffTimeline.of(ZONE,
                version(local(2025, 1, 1, 0), new TariffSchedule.Flat(dec("20")), "0"));

        PricedConsumption priced = TariffEngine.price(timeline, ConsumptionDelta.perRegister(local(2025, 3, 1, 0),
                local(2025, 3, 2, 0), Map.of("peak", dec("1.5"), "valley", dec("2"))), null);

        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("70");
    }

    @Test
    void consumption_used_before_the_first_version_cannot_be_priced() {
        assertThatThrownBy(() -> TariffEngine.price(RESIDENTIAL_SINCE_JANUARY,
                ConsumptionDelta.total(local(2024, 12, 31, 0), local(2025, 1, 2, 0), BigDecimal.ONE), null))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(TariffRules.NO_VERSION_IN_FORCE));
    }

    @Test
    void a_zero_length_interval_is_priced_by_the_version_in_force_at_that_moment() {
        Instant change = local(2025, 3, 15, 0);
        TariffTimeline timeline = TariffTimeline.of(ZONE,
                version(local(2025, 1, 1, 0), new TariffSchedule.Flat(dec("20")), "0"),
                version(change, new TariffSchedule.Flat(dec("25")), "0"));

        PricedConsumption priced = TariffEngine.price(timeline, ConsumptionDelta.total(change, change, dec("2")), null);

        assertThat(priced.breakdown().lines()).extracting(ChargeLine::version).containsExactly(2);
        assertThat(priced.breakdown().exactTotal()).isEqualByComparingTo("50");
    }

    /**
     * Each day costs the standing charge of the version in force at its midnight. v1 (45.5/day) from 1 Jan; v2
     * (50/day) from 15 Mar 10:00 local, so 15 Mar still started under v1. March: 1-15 = 15 days x 45.5 = 682.5,
     * 16-31 = 16 days x 50 = 800; total 1482.5.
     */
    @Test
    void standing_charges_count_each_day_at_the_version_in_force_at_its_midnight() {
        TariffTimeline timeline = TariffTimeline.of(ZONE,
                version(local(2025, 1, 1, 0), RESIDENTIAL, "45.5"),
                version(local(2025, 3, 15, 10), RESIDENTIAL, "50"));

        TariffBreakdown march = TariffEngine.standingCharge(timeline, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1));

        assertThat(march.lines())
                .extracting(ChargeLine::version, ChargeLine::kind, ChargeLine::quantity, ChargeLine::amount,
                        ChargeLine::from, ChargeLine::to)
                .usingRecursiveFieldByFieldElementComparator(BIG_DECIMALS_BY_VALUE)
                .containsExactly(
                        tuple(1, ChargeKind.STANDING_CHARGE, dec("15"), dec("682.5"), local(2025, 3, 1, 0),
                                local(2025, 3, 16, 0)),
                        tuple(2, ChargeKind.STANDING_CHARGE, dec("16"), dec("800"), local(2025, 3, 16, 0),
                                local(2025, 4, 1, 0)));
        assertThat(march.exactTotal()).isEqualByComparingTo("1482.5");
    }

    @Test
    void days_before_the_first_version_cost_no_standing_charge() {
        TariffBreakdown breakdown = TariffEngine.standingCharge(
                TariffTimeline.of(ZONE, version(local(2025, 1, 1, 0), RESIDENTIAL, "10")),
                LocalDate.of(2024, 12, 30), LocalDate.of(2025, 1, 3));

        assertThat(breakdown.lines()).singleElement()
                .satisfies(line -> assertThat(line.quantity()).isEqualByComparingTo("2"));
        assertThat(breakdown.exactTotal()).isEqualByComparingTo("20");
    }

    static final java.util.Comparator<BigDecimal> BY_VALUE = BigDecimal::compareTo;
    static final org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration BIG_DECIMALS_BY_VALUE =
            org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                    .withComparatorForType(BY_VALUE, BigDecimal.class).build();

    static TariffVersion version(Instant from, TariffSchedule schedule, String standingCharge) {
        return new TariffVersion(from, schedule, new BigDecimal(standingCharge));
    }

    static Instant local(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, ZONE).toInstant();
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
