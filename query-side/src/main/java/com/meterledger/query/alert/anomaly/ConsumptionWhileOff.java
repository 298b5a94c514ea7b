package com.meterledger.query.alert.anomaly;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A meter whose supply the meter itself confirmed off must not count on: consumption after the confirmation means
 * a bypass around the relay or valve, or a relay that reports off and stuck on. The register at the confirmation is
 * the latest reading at or before it; a rise above {@link #TOLERANCE} (the display rounding of one register, as in
 * the registers' own rule) after it fires. Pure.
 */
public final class ConsumptionWhileOff {
    public static final String RULE = "consumption-while-supply-off";
    public static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private ConsumptionWhileOff() {
    }

    /** @param readings the meter's readings in time order; {@code offSince} when the meter confirmed supply off */
    public static AnomalyVerdict judge(List<Reading> readings, Instant offSince) {
        BigDecimal atOff = Reading.registerAt(readings, offSince).orElse(null);
        if (atOff == null || readings.isEmpty() || !readings.getLast().at().isAfter(offSince)) {
            return new AnomalyVerdict.Unknown("no reading both before and after supply went off");
        }
        Reading latest = readings.getLast();
        BigDecimal used = latest.register().subtract(atOff);
        if (used.compareTo(TOLERANCE) <= 0) {
            return new AnomalyVerdict.Normal("the register stood still while supply was off");
        }
        return new AnomalyVerdict.Anomalous(RULE, Map.of("offSince", offSince.toString(),
                "registerAtOff", atOff.toPlainString(), "latestReadAt", latest.at().toString(),
                "latestRegister", latest.register().toPlainString(), "usedWhileOff", used.toPlainString()));
    }
}
