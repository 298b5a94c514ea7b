package com.meterledger.query.alert.anomaly;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sudden drop against the meter's own history, a sign of tampering (a magnet, a bridged terminal): the last
 * {@link #RECENT_DAYS} days' mean daily use below {@code percent} % of the mean of the {@link #BASELINE_DAYS} days
 * before. Means come from the register at three moments (now − 35 d, now − 7 d, now), so they are exact whatever the
 * reading interval. A meter with no use in its baseline cannot drop ({@link AnomalyVerdict.Normal}), and one without
 * a reading at or before the baseline's start has no history yet ({@link AnomalyVerdict.Unknown}). Pure.
 */
public final class ConsumptionDrop {
    public static final String RULE = "consumption-dropped-against-own-history";
    public static final int RECENT_DAYS = 7;
    public static final int BASELINE_DAYS = 28;

    private ConsumptionDrop() {
    }

    public static AnomalyVerdict judge(List<Reading> readings, Instant now, int percent) {
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException("a drop threshold is a percentage between 1 and 99");
        }
        Instant recentFrom = now.minus(Duration.ofDays(RECENT_DAYS));
        Instant baselineFrom = recentFrom.minus(Duration.ofDays(BASELINE_DAYS));
        var start = Reading.registerAt(readings, baselineFrom);
        var middle = Reading.registerAt(readings, recentFrom);
        var end = Reading.registerAt(readings, now);
        if (start.isEmpty() || middle.isEmpty() || end.isEmpty()) {
            return new AnomalyVerdict.Unknown("less than " + (RECENT_DAYS + BASELINE_DAYS) + " days of readings");
        }
        BigDecimal baselineUse = middle.get().subtract(start.get());
        BigDecimal recentUse = end.get().subtract(middle.get());
        if (baselineUse.signum() <= 0) {
            return new AnomalyVerdict.Normal("no use in the baseline");
        }
        // recent/7 < baseline/28 * percent/100  <=>  recent * 28 * 100 < baseline * 7 * percent (exact, no division)
        BigDecimal left = recentUse.multiply(BigDecimal.valueOf((long) BASELINE_DAYS * 100));
        BigDecimal right = baselineUse.multiply(BigDecimal.valueOf((long) RECENT_DAYS * percent));
        if (left.compareTo(right) >= 0) {
            return new AnomalyVerdict.Normal("recent use is not below " + percent + " % of the baseline");
        }
        return new AnomalyVerdict.Anomalous(RULE, Map.of(
                "recentDailyMean", recentUse.divide(BigDecimal.valueOf(RECENT_DAYS), 3, RoundingMode.HALF_EVEN)
                        .toPlainString(),
                "baselineDailyMean", baselineUse.divide(BigDecimal.valueOf(BASELINE_DAYS), 3, RoundingMode.HALF_EVEN)
                        .toPlainString(),
                "thresholdPercent", Integer.toString(percent),
                "recentFrom", recentFrom.toString(), "baselineFrom", baselineFrom.toString()));
    }
}
