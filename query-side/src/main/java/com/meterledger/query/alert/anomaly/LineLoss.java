package com.meterledger.query.alert.anomaly;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A master meter against the sum of its sub-meters over one period: what the master counted and no sub-meter did is
 * line loss (cables, leaks in the riser) or theft ahead of a sub-meter. It fires when the loss exceeds
 * {@code tolerancePercent} % of the master's use; a master with no use in the period has nothing to lose. Pure.
 */
public final class LineLoss {
    public static final String RULE = "line-loss-above-tolerance";

    private LineLoss() {
    }

    public static AnomalyVerdict judge(BigDecimal masterUse, List<BigDecimal> subMeterUses, int tolerancePercent) {
        if (tolerancePercent < 1 || tolerancePercent > 99) {
            throw new IllegalArgumentException("a line-loss tolerance is a percentage between 1 and 99");
        }
        if (masterUse == null || subMeterUses == null || subMeterUses.stream().anyMatch(java.util.Objects::isNull)) {
            return new AnomalyVerdict.Unknown("the master or a sub-meter has no reading over the period");
        }
        if (masterUse.signum() <= 0) {
            return new AnomalyVerdict.Normal("the master counted no use");
        }
        BigDecimal subSum = subMeterUses.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal loss = masterUse.subtract(subSum);
        // loss / master > tolerance / 100  <=>  loss * 100 > master * tolerance
        if (loss.multiply(BigDecimal.valueOf(100)).compareTo(masterUse.multiply(BigDecimal.valueOf(tolerancePercent))) <= 0) {
            return new AnomalyVerdict.Normal("the loss is within " + tolerancePercent + " %");
        }
        return new AnomalyVerdict.Anomalous(RULE, Map.of("masterUse", masterUse.toPlainString(),
                "subMetersUse", subSum.toPlainString(), "subMeters", Integer.toString(subMeterUses.size()),
                "loss", loss.toPlainString(),
                "lossPercent", loss.multiply(BigDecimal.valueOf(100)).divide(masterUse, 1, RoundingMode.HALF_EVEN)
                        .toPlainString(),
                "tolerancePercent", Integer.toString(tolerancePercent)));
    }
}
