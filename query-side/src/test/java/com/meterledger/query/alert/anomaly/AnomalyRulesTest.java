package com.meterledger.query.alert.anomaly;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The four anomaly rules on hand-made readings, each verdict with the rule that fired and its figures. */
class AnomalyRulesTest {
    private static final Instant NIGHT = Instant.parse("2026-12-06T17:00:00Z"); // 01:00 in Shanghai
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static Reading at(Instant moment, String register) {
        return new Reading(moment, new BigDecimal(register));
    }

    private static List<Reading> hourly(Instant from, String... registers) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < registers.length; i++) {
            readings.add(at(from.plus(Duration.ofHours(i)), registers[i]));
        }
        return readings;
    }

    @Test
    void givenWaterRunningInEveryNightHourWhenJudgedThenNightFlowFiresWithTheSmallestHourAndTheNightsUse() {
        List<Reading> readings = hourly(NIGHT, "10.000", "10.020", "10.030", "10.045", "10.060");

        AnomalyVerdict verdict = NightFlow.judge(readings, NIGHT, 4);

        assertThat(verdict).isInstanceOf(AnomalyVerdict.Anomalous.class);
        AnomalyVerdict.Anomalous leak = (AnomalyVerdict.Anomalous) verdict;
        assertThat(leak.rule()).isEqualTo(NightFlow.RULE);
        assertThat(leak.figures()).containsEntry("smallestHourlyUse", "0.010").containsEntry("nightUse", "0.060")
                .containsEntry("hours", "4");
    }

    @Test
    void givenOneQuietHourWhenJudgedThenThereIsNoLeak() {
        List<Reading> readings = hourly(NIGHT, "10.000", "10.020", "10.020", "10.045", "10.060");

        assertThat(NightFlow.judge(readings, NIGHT, 4)).isInstanceOf(AnomalyVerdict.Normal.class);
    }

    @Test
    void givenNoReadingAfterTheNightWhenJudgedThenTheVerdictIsUnknownNeverALeak() {
        List<Reading> readings = hourly(NIGHT, "10.000", "10.020", "10.030");

        assertThat(NightFlow.judge(readings, NIGHT, 4)).isInstanceOf(AnomalyVerdict.Unknown.class);
        assertThat(NightFlow.judge(List.of(), NIGHT, 4)).isInstanceOf(AnomalyVerdict.Unknown.class);
    }

    @Test
    void givenARegisterThatRoseAfterSupplyWasConfirmedOffWhenJudgedThenConsumptionWhileOffFires() {
        Instant off = NOW.minus(Duration.ofHours(10));
        List<Reading> readings = List.of(at(off.minusSeconds(60), "500.00"), at(NOW, "503.50"));

        AnomalyVerdict verdict = ConsumptionWhileOff.judge(readings, off);

        assertThat(verdict).isEqualTo(new AnomalyVerdict.Anomalous(ConsumptionWhileOff.RULE, java.util.Map.of(
                "offSince", off.toString(), "registerAtOff", "500.00", "latestReadAt", NOW.toString(),
                "latestRegister", "503.50", "usedWhileOff", "3.50")));
    }

    @Test
    void givenARegisterThatMovedOnlyByItsDisplayRoundingWhenJudgedThenSupplyOffIsNormal() {
        Instant off = NOW.minus(Duration.ofHours(10));

        assertThat(ConsumptionWhileOff.judge(List.of(at(off, "500.00"), at(NOW, "500.01")), off))
                .isInstanceOf(AnomalyVerdict.Normal.class);
        assertThat(ConsumptionWhileOff.judge(List.of(at(NOW.minusSeconds(1), "500.00")), off))
                .isInstanceOf(AnomalyVerdict.Unknown.class);
    }

    @Test
    void givenTheLastWeekUsingAQuarterOfTheMonthBeforeWhenJudgedAtThirtyPercentThenTheDropFires() {
        // 28 days at 10 a day, then 7 days at 2.5 a day: 25 % of the baseline
        List<Reading> readings = List.of(at(NOW.minus(Duration.ofDays(35)), "1000"),
                at(NOW.minus(Duration.ofDays(7)), "1280"), at(NOW, "1297.5"));

        AnomalyVerdict verdict = ConsumptionDrop.judge(readings, NOW, 30);

        assertThat(verdict).isInstanceOf(AnomalyVerdict.Anomalous.class);
        assertThat(((AnomalyVerdict.Anomalous) verdict).figures()).containsEntry("recentDailyMean", "2.500")
                .containsEntry("baselineDailyMean", "10.000").containsEntry("thresholdPercent", "30");
        assertThat(ConsumptionDrop.judge(readings, NOW, 25)).isInstanceOf(AnomalyVerdict.Normal.class);
    }

    @Test
    void givenLessThanFiveWeeksOfReadingsWhenJudgedThenTheDropIsUnknown() {
        List<Reading> readings = List.of(at(NOW.minus(Duration.ofDays(20)), "1000"), at(NOW, "1001"));

        assertThat(ConsumptionDrop.judge(readings, NOW, 30)).isInstanceOf(AnomalyVerdict.Unknown.class);
    }

    @Test
    void givenAMasterCountingFifteenPercentMoreThanItsSubMetersWhenJudgedAtTenPercentThenLineLossFires() {
        AnomalyVerdict verdict = LineLoss.judge(new BigDecimal("200"), List.of(new BigDecimal("100"),
                new BigDecimal("70")), 10);

        assertThat(verdict).isInstanceOf(AnomalyVerdict.Anomalous.class);
        assertThat(((AnomalyVerdict.Anomalous) verdict).figures()).containsEntry("loss", "30")
                .containsEntry("lossPercent", "15.0").containsEntry("subMetersUse", "170");
        assertThat(LineLoss.judge(new BigDecimal("200"), List.of(new BigDecimal("185")), 10))
                .isInstanceOf(AnomalyVerdict.Normal.class);
        assertThat(LineLoss.judge(BigDecimal.ZERO, List.of(), 10)).isInstanceOf(AnomalyVerdict.Normal.class);
    }
}
