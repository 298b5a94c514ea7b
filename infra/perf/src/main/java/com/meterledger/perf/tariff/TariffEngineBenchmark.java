package com.meterledger.perf.tariff;

import com.meterledger.api.tariff.BillingPeriod;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TierBlock;
import com.meterledger.core.tariff.ConsumptionDelta;
import com.meterledger.core.tariff.PricedConsumption;
import com.meterledger.core.tariff.TariffBreakdown;
import com.meterledger.core.tariff.TariffEngine;
import com.meterledger.core.tariff.TariffRounding;
import com.meterledger.core.tariff.TariffTimeline;
import com.meterledger.core.tariff.TierCounter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of pricing one reading with the tariff engine, the work added to every accepted reading on the command path.
 * The budget is set by the event store, not by this: ~1,000 readings/s when each commits alone, ~34,000 rows/s in
 * gateway batches (STACK.md), i.e. tens of microseconds per reading; pricing should stay a small fraction of that.
 *
 * <p>Run: {@code java -jar infra/perf/target/benchmarks.jar TariffEngineBenchmark} (or via the JMH runner the perf
 * module provides).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TariffEngineBenchmark {
    private static final ZoneId ZONE = ZoneId.of("Africa/Johannesburg");

    private TariffTimeline flat;
    private TariffTimeline tiered;
    private TariffTimeline timeOfUse;
    /** 24 monthly tiered versions: version lookup and splitting over a long history. */
    private TariffTimeline longHistory;

    private ConsumptionDelta hourly;
    private ConsumptionDelta crossingTwoTiers;
    private ConsumptionDelta acrossMonthEnd;
    private ConsumptionDelta touDelta;
    private TierCounter march40;
    private TierCounter march140;
    private BigDecimal carry;

    @Setup
    public void setUp() {
        Instant january = at(2025, 1, 1, 0);
        TariffSchedule.Tiered residential = new TariffSchedule.Tiered(BillingPeriod.MONTH, List.of(
                TierBlock.upTo("50", "12.5"), TierBlock.upTo("150", "18.75"), TierBlock.above("27.3")));
        flat = TariffTimeline.of(ZONE, new TariffVersion(january, new TariffSchedule.Flat(new BigDecimal("215.5")),
                new BigDecimal("45.5")));
        tiered = TariffTimeline.of(ZONE, new TariffVersion(january, residential, new BigDecimal("45.5")));
        timeOfUse = TariffTimeline.of(ZONE, new TariffVersion(january, new TariffSchedule.TimeOfUse(Map.of(
                "sharp", new BigDecimal("30"), "peak", new BigDecimal("25"), "flat", new BigDecimal("18"),
                "valley", new BigDecimal("9"))), new BigDecimal("45.5")));
        List<TariffVersion> versions = new ArrayList<>();
        for (int month = 0; month < 24; month++) {
            Instant from = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZONE).plusMonths(month).toInstant();
            versions.add(new TariffVersion(from, residential, BigDecimal.valueOf(40 + month)));
        }
        longHistory = new TariffTimeline(ZONE, versions);

        hourly = ConsumptionDelta.total(at(2025, 3, 10, 8), at(2025, 3, 10, 9), new BigDecimal("1.234"));
        crossingTwoTiers = ConsumptionDelta.total(at(2025, 3, 10, 8), at(2025, 3, 12, 8), new BigDecimal("130.5"));
        acrossMonthEnd = ConsumptionDelta.total(at(2025, 3, 31, 0), at(2025, 4, 2, 0), new BigDecimal("48"));
        touDelta = ConsumptionDelta.perRegister(at(2025, 3, 10, 0), at(2025, 3, 11, 0), Map.of(
                "sharp", new BigDecimal("1.2"), "peak", new BigDecimal("3.5"), "flat", new BigDecimal("4"),
                "valley", new BigDecimal("10.25")));
        march40 = new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 3, 1), new BigDecimal("40"));
        march140 = new TierCounter(BillingPeriod.MONTH, LocalDate.of(2025, 3, 1), new BigDecimal("140"));
        carry = new BigDecimal("0.4");
    }

    @Benchmark
    public TariffRounding.RoundedCharge flatHourlyReading() {
        return TariffRounding.roundWithCarry(TariffEngine.price(flat, hourly, null).breakdown(), carry);
    }

    @Benchmark
    public TariffRounding.RoundedCharge tieredReadingCrossingTwoTiers() {
        return TariffRounding.roundWithCarry(TariffEngine.price(tiered, crossingTwoTiers, march40).breakdown(), carry);
    }

    @Benchmark
    public PricedConsumption tieredReadingAcrossMonthEnd() {
        return TariffEngine.price(tiered, acrossMonthEnd, march140);
    }

    @Benchmark
    public PricedConsumption timeOfUseFourRegisters() {
        return TariffEngine.price(timeOfUse, touDelta, null);
    }

    @Benchmark
    public PricedConsumption tieredReadingInALongVersionHistory() {
        return TariffEngine.price(longHistory, crossingTwoTiers, march40);
    }

    @Benchmark
    public void standingChargeForAYearOverVersions(Blackhole blackhole) {
        TariffBreakdown year = TariffEngine.standingCharge(longHistory, LocalDate.of(2024, 6, 1), LocalDate.of(2025, 6, 1));
        blackhole.consume(year.exactTotal());
    }

    private static Instant at(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, ZONE).toInstant();
    }
}
