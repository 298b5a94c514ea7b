package com.meterledger.core.tariff;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.ChargeLine;
import com.meterledger.api.tariff.TariffRules;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invariants of the tariff engine over generated tariffs and consumption. */
class TariffEngineProperties {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin"); // has DST: month starts are not a fixed offset
    private static final Instant MONTH_START = ZonedDateTime.of(2025, 3, 1, 0, 0, 0, 0, ZONE).toInstant();
    private static final LocalDate MARCH = LocalDate.of(2025, 3, 1);

    /** Tier split equals a direct computation: F(counted + q) - F(counted), F the cumulative block cost from zero. */
    @Property(tries = 500)
    void a_tier_split_equals_the_direct_computation(@ForAll("tiered") TariffSchedule.Tiered tiered,
                                                   @ForAll("quantities") BigDecimal counted,
                                                   @ForAll("quantities") BigDecimal quantity) {
        TariffTimeline timeline = TariffTimeline.of(ZONE, new TariffVersion(MONTH_START, tiered, BigDecimal.ZERO));
        TierCounter counter = new TierCounter(BillingPeriod.MONTH, MARCH, counted);

        PricedConsumption priced = TariffEngine.price(timeline, ConsumptionDelta.total(MONTH_START.plusSeconds(3600),
                MONTH_START.plus(Duration.ofDays(2)), quantity), counter);

        assertThat(priced.breakdown().exactTotal())
                .isEqualByComparingTo(cumulativeCost(tiered.blocks(), counted.add(quantity))
                        .subtract(cumulativeCost(tiered.blocks(), counted)));
        assertThat(sum(priced.breakdown().lines().stream().map(ChargeLine::quantity).toList()))
                .isEqualByComparingTo(quantity);
        for (ChargeLine line : priced.breakdown().lines()) {
            int tier = Integer.parseInt(line.component().substring("tier-".length()));
            TierBlock block = tiered.blocks().get(tier - 1);
            BigDecimal lower = tier == 1 ? BigDecimal.ZERO : tiered.blocks().get(tier - 2).upTo();
            if (block.upTo() != null) {
                assertThat(line.quantity()).isLessThanOrEqualTo(block.upTo().subtract(lower));
            }
            assertThat(line.unitPrice()).isEqualTo(block.price());
            assertThat(line.amount()).isEqualByComparingTo(line.quantity().multiply(line.unitPrice()));
        }
        assertThat(priced.counterAfter().counted()).isEqualByComparingTo(counted.add(quantity));
    }

    /**
     * However the same consumption is split into readings, the charges rounded with a carried remainder add up to
     * the exact total rounded down once, and the final carry is the fraction left over.
     */
    @Property(tries = 500)
    void rounded_charges_of_any_split_add_up_to_the_exact_total_rounded_down(
            @ForAll("schedules") TariffSchedule schedule, @ForAll("quantities") BigDecimal counted,
            @ForAll("splits") List<BigDecimal> parts) {
        TariffTimeline timeline = TariffTimeline.of(ZONE, new TariffVersion(MONTH_START, schedule, BigDecimal.ZERO));
        BigDecimal total = sum(parts);
        BigDecimal exactTotal = switch (schedule) {
            case TariffSchedule.Flat flat -> total.multiply(flat.price());
            case TariffSchedule.Tiered tiered -> cumulativeCost(tiered.blocks(), counted.add(total))
                    .subtract(cumulativeCost(tiered.blocks(), counted));
            case TariffSchedule.TimeOfUse timeOfUse -> throw new IllegalStateException("not generated");
        };

        TierCounter counter = new TierCounter(BillingPeriod.MONTH, MARCH, counted);
        BigDecimal carry = BigDecimal.ZERO;
        long charged = 0;
        Instant readAt = MONTH_START;
        for (BigDecimal part : parts) {
            Instant next = readAt.plus(Duration.ofHours(7));
            PricedConsumption priced = TariffEngine.price(timeline, ConsumptionDelta.total(readAt, next, part), counter);
            TariffRounding.RoundedCharge charge = TariffRounding.roundWithCarry(priced.breakdown(), carry);
            charged += charge.minorUnits();
            carry = charge.remainderCarried();
            assertThat(carry).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
            counter = priced.counterAfter() != null ? priced.counterAfter() : counter;
            readAt = next;
        }

        BigDecimal floor = exactTotal.setScale(0, RoundingMode.FLOOR);
        assertThat(charged).isEqualTo(floor.longValueExact());
        assertThat(carry).isEqualByComparingTo(exactTotal.subtract(floor));
    }

    /** The version priced is the last one that took effect at or before the moment of use. */
    @Property(tries = 300)
    void the_version_in_force_at_the_moment_of_use_prices_it(@ForAll("gapsInHours") List<Integer> gaps,
                                                              @ForAll @IntRange(min = -5, max = 400) int hour) {
        List<TariffVersion> versions = new ArrayList<>();
        Instant effective = MONTH_START;
        for (int i = 0; i < gaps.size(); i++) {
            effective = effective.plus(Duration.ofHours(gaps.get(i)));
            versions.add(new TariffVersion(effective, new TariffSchedule.Flat(BigDecimal.valueOf(i + 1)), BigDecimal.ZERO));
        }
        TariffTimeline timeline = new TariffTimeline(ZONE, versions);
        Instant used = MONTH_START.plus(Duration.ofHours(hour)).plusSeconds(60);
        int lastStarted = 0; // reference: linear scan
        for (int i = 0; i < versions.size(); i++) {
            if (!versions.get(i).effectiveFrom().isAfter(used)) {
                lastStarted = i + 1;
            }
        }
        int expected = lastStarted;

        Optional<TariffTimeline.InForce> inForce = timeline.versionAt(used);
        ConsumptionDelta delta = ConsumptionDelta.total(used, used.plusSeconds(600), BigDecimal.ONE);
        if (expected == 0) {
            assertThat(inForce).isEmpty();
            assertThatThrownBy(() -> TariffEngine.price(timeline, delta, null))
                    .isInstanceOfSatisfying(RuleViolation.class,
                            e -> assertThat(e.rule()).isEqualTo(TariffRules.NO_VERSION_IN_FORCE));
        } else {
            assertThat(inForce).hasValueSatisfying(version -> assertThat(version.number()).isEqualTo(expected));
            PricedConsumption priced = TariffEngine.price(timeline, delta, null);
            assertThat(priced.breakdown().lines()).singleElement().satisfies(line -> {
                assertThat(line.version()).isEqualTo(expected);
                assertThat(line.unitPrice()).isEqualByComparingTo(BigDecimal.valueOf(expected));
            });
        }
    }

    /**
     * A long reading interval crossing versions and month starts: the pieces add up to the delta exactly, each is
     * priced by the version in force at its start, and each share is the time-proportional one to within rounding.
     */
    @Property(tries = 300)
    void a_delta_spread_over_boundaries_keeps_its_total_and_is_shared_by_time(
            @ForAll("gapsInHours") List<Integer> gapsInDays, @ForAll("quantities") BigDecimal quantity,
            @ForAll @IntRange(min = 1, max = 2000) int lengthInHours) {
        List<TariffVersion> versions = new ArrayList<>();
        Instant effective = MONTH_START;
        versions.add(new TariffVersion(effective, tieredOf("10", "1", "2"), BigDecimal.ZERO));
        for (int i = 0; i < gapsInDays.size(); i++) {
            effective = effective.plus(Duration.ofDays(gapsInDays.get(i)));
            TariffSchedule schedule = i % 2 == 0 ? new TariffSchedule.Flat(BigDecimal.valueOf(i + 2))
                    : tieredOf("20", "3", "4");
            versions.add(new TariffVersion(effective, schedule, BigDecimal.ZERO));
        }
        TariffTimeline timeline = new TariffTimeline(ZONE, versions);
        Instant from = MONTH_START.plus(Duration.ofHours(5));
        Instant to = from.plus(Duration.ofHours(lengthInHours));

        PricedConsumption priced = TariffEngine.price(timeline, ConsumptionDelta.total(from, to, quantity), null);

        assertThat(sum(priced.breakdown().lines().stream().map(ChargeLine::quantity).toList()))
                .isEqualByComparingTo(quantity);
        BigDecimal duration = BigDecimal.valueOf(Duration.between(from, to).toSeconds());
        BigDecimal tolerance = new BigDecimal("0.000002");
        priced.breakdown().lines().stream().map(line -> List.of(line.from(), line.to())).distinct().forEach(span -> {
            BigDecimal share = sum(priced.breakdown().lines().stream()
                    .filter(line -> line.from().equals(span.get(0))).map(ChargeLine::quantity).toList());
            BigDecimal proportional = quantity.multiply(BigDecimal.valueOf(Duration.between(span.get(0), span.get(1))
                    .toSeconds())).divide(duration, 12, RoundingMode.HALF_EVEN);
            assertThat(share.subtract(proportional).abs()).isLessThanOrEqualTo(tolerance);
        });
        for (ChargeLine line : priced.breakdown().lines()) {
            assertThat(line.from()).isBeforeOrEqualTo(line.to());
            assertThat(timeline.versionAt(line.from()).orElseThrow().number()).isEqualTo(line.version());
            if (line.to().isAfter(line.from())) {
                assertThat(timeline.versionAt(line.to().minusNanos(1)).orElseThrow().number()).isEqualTo(line.version());
            }
        }
    }

    // ---- the direct computation -------------------------------------------------------------------------------

    /** Cost of the first {@code x} units of a billing period: each block's price times the part of x inside it. */
    static BigDecimal cumulativeCost(List<TierBlock> blocks, BigDecimal x) {
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal lower = BigDecimal.ZERO;
        for (TierBlock block : blocks) {
            BigDecimal upper = block.upTo() == null ? x.max(lower) : block.upTo();
            BigDecimal inside = x.min(upper).subtract(lower).max(BigDecimal.ZERO);
            cost = cost.add(inside.multiply(block.price()));
            lower = upper;
        }
        return cost;
    }

    static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static TariffSchedule.Tiered tieredOf(String bound, String low, String high) {
        return new TariffSchedule.Tiered(BillingPeriod.MONTH,
                List.of(TierBlock.upTo(bound, low), TierBlock.above(high)));
    }

    // ---- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<BigDecimal> quantities() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("3000")).ofScale(3)
                .edgeCases(config -> config.includeOnly(BigDecimal.ZERO.setScale(3)));
    }

    Arbitrary<BigDecimal> prices() {
        return Arbitraries.integers().between(0, 6).flatMap(scale ->
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("500")).ofScale(scale));
    }

    @Provide
    Arbitrary<TariffSchedule.Tiered> tiered() {
        Arbitrary<List<BigDecimal>> widths = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.001"), new BigDecimal("800")).ofScale(3).list().ofMinSize(0).ofMaxSize(5);
        Arbitrary<List<BigDecimal>> prices = prices().list().ofSize(6);
        Arbitrary<BillingPeriod> period = Arbitraries.just(BillingPeriod.MONTH);
        return Combinators.combine(widths, prices, period).as((w, p, billing) -> {
            List<TierBlock> blocks = new ArrayList<>();
            BigDecimal bound = BigDecimal.ZERO;
            for (int i = 0; i < w.size(); i++) {
                bound = bound.add(w.get(i));
                blocks.add(new TierBlock(bound, p.get(i)));
            }
            blocks.add(new TierBlock(null, p.get(w.size())));
            return new TariffSchedule.Tiered(billing, blocks);
        });
    }

    @Provide
    Arbitrary<TariffSchedule> schedules() {
        return Arbitraries.oneOf(prices().map(TariffSchedule.Flat::new), tiered());
    }

    @Provide
    Arbitrary<List<BigDecimal>> splits() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("400")).ofScale(3)
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> gapsInHours() {
        return Arbitraries.integers().between(1, 60).list().ofMinSize(1).ofMaxSize(8);
    }
}
