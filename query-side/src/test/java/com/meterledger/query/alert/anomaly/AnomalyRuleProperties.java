package com.meterledger.query.alert.anomaly;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the anomaly rules promise for any readings, not only the hand-made ones. */
class AnomalyRuleProperties {
    private static final Instant NIGHT = Instant.parse("2026-12-06T17:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    /** Cumulative hourly readings from the night's start, one per hour boundary, rising by the given steps. */
    private static List<Reading> hourly(List<Integer> stepsInLitres) {
        List<Reading> readings = new ArrayList<>();
        BigDecimal register = new BigDecimal("100.000");
        readings.add(new Reading(NIGHT, register));
        for (int i = 0; i < stepsInLitres.size(); i++) {
            register = register.add(BigDecimal.valueOf(stepsInLitres.get(i), 3));
            readings.add(new Reading(NIGHT.plus(Duration.ofHours(i + 1)), register));
        }
        return readings;
    }

    @Property
    void flowInEveryHourOfTheWindowIsALeak(@ForAll @Size(value = 4) List<@IntRange(min = 1, max = 5_000) Integer> steps) {
        assertThat(NightFlow.judge(hourly(steps), NIGHT, 4)).isInstanceOf(AnomalyVerdict.Anomalous.class);
    }

    @Property
    void oneQuietHourAnywhereInTheWindowIsNeverALeak(
            @ForAll @Size(value = 4) List<@IntRange(min = 1, max = 5_000) Integer> steps,
            @ForAll @IntRange(min = 0, max = 3) int quietHour) {
        List<Integer> withQuiet = new ArrayList<>(steps);
        withQuiet.set(quietHour, 0);
        assertThat(NightFlow.judge(hourly(withQuiet), NIGHT, 4)).isInstanceOf(AnomalyVerdict.Normal.class);
    }

    @Property
    void theDropVerdictDoesNotDependOnTheUnitTheRegisterCounts(
            @ForAll @IntRange(min = 1, max = 100_000) int baselineUse, @ForAll @IntRange(min = 0, max = 100_000) int recentUse,
            @ForAll @IntRange(min = 1, max = 99) int percent, @ForAll @IntRange(min = 1, max = 1000) int scale) {
        AnomalyVerdict plain = ConsumptionDrop.judge(readings(baselineUse, recentUse, 1), NOW, percent);
        AnomalyVerdict scaled = ConsumptionDrop.judge(readings(baselineUse, recentUse, scale), NOW, percent);
        assertThat(scaled.getClass()).isEqualTo(plain.getClass());
        // and it fires exactly when recent/7 < baseline/28 * percent/100
        boolean fires = (long) recentUse * 28 * 100 < (long) baselineUse * 7 * percent;
        assertThat(plain instanceof AnomalyVerdict.Anomalous).isEqualTo(fires);
    }

    private static List<Reading> readings(int baselineUse, int recentUse, int scale) {
        BigDecimal start = new BigDecimal("5000");
        BigDecimal middle = start.add(BigDecimal.valueOf((long) baselineUse * scale));
        return List.of(new Reading(NOW.minus(Duration.ofDays(35)), start), new Reading(NOW.minus(Duration.ofDays(7)), middle),
                new Reading(NOW, middle.add(BigDecimal.valueOf((long) recentUse * scale))));
    }

    @Property
    void aLossWithinTheToleranceNeverFiresAndOneAboveItAlwaysDoes(
            @ForAll @IntRange(min = 1, max = 1_000_000) int master, @ForAll @IntRange(min = 0, max = 1_000_000) int subs,
            @ForAll @IntRange(min = 1, max = 99) int tolerance) {
        AnomalyVerdict verdict = LineLoss.judge(BigDecimal.valueOf(master), List.of(BigDecimal.valueOf(subs)), tolerance);
        boolean above = (long) (master - subs) * 100 > (long) master * tolerance;
        assertThat(verdict instanceof AnomalyVerdict.Anomalous).isEqualTo(above);
    }
}
