package com.meterledger.query.alert.anomaly;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Water that never stops over the night: a leak (a running toilet, a burst pipe behind a wall). In a home, use stops
 * for at least one hour between 01:00 and 05:00; when every hourly delta of the night window is above zero, something
 * runs all night. Only hours the readings cover count: a window whose start or end has no reading at or before it is
 * {@link AnomalyVerdict.Unknown}, and an hour without a new reading reads as no flow, so missing data never raises a
 * leak. Pure: the caller passes the meter's readings in time order and the window's start in the tenant's zone.
 */
public final class NightFlow {
    public static final String RULE = "night-flow-never-stops";
    /** The default night window: 01:00 to 05:00 in the tenant's zone. */
    public static final int DEFAULT_START_HOUR = 1;
    public static final int DEFAULT_HOURS = 4;

    private NightFlow() {
    }

    public static AnomalyVerdict judge(List<Reading> readings, Instant windowStart, int hours) {
        if (hours < 1) {
            throw new IllegalArgumentException("a night window has at least one hour");
        }
        Instant windowEnd = windowStart.plus(Duration.ofHours(hours));
        if (Reading.registerAt(readings, windowStart).isEmpty()
                || readings.stream().noneMatch(r -> !r.at().isBefore(windowEnd))) {
            return new AnomalyVerdict.Unknown("no reading at or before the night's start, or none at or after its end");
        }
        BigDecimal smallest = null;
        BigDecimal total = BigDecimal.ZERO;
        for (int hour = 0; hour < hours; hour++) {
            Instant from = windowStart.plus(Duration.ofHours(hour));
            BigDecimal delta = Reading.registerAt(readings, from.plus(Duration.ofHours(1))).orElseThrow()
                    .subtract(Reading.registerAt(readings, from).orElseThrow());
            if (delta.signum() <= 0) {
                return new AnomalyVerdict.Normal("no flow in the hour from " + from);
            }
            smallest = smallest == null || delta.compareTo(smallest) < 0 ? delta : smallest;
            total = total.add(delta);
        }
        return new AnomalyVerdict.Anomalous(RULE, Map.of("nightFrom", windowStart.toString(),
                "nightUntil", windowEnd.toString(), "hours", Integer.toString(hours),
                "smallestHourlyUse", smallest.toPlainString(), "nightUse", total.toPlainString()));
    }
}
