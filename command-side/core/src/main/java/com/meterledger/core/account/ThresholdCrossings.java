package com.meterledger.core.account;

import com.meterledger.api.account.Thresholds;

/** Which of an account's levels a balance change crossed. Pure: the aggregate turns crossings into events. */
public record ThresholdCrossings(boolean firstWarning, boolean secondWarning, boolean cutOff, boolean reconnect) {

    /**
     * A warning or the cut-off fires when the balance moves from above the level to at or below it, so a later
     * charge below the level does not repeat it. Reconnect fires once the balance of a depleted account reaches
     * the reconnect level.
     */
    public static ThresholdCrossings of(long before, long after, Thresholds levels, boolean depleted) {
        return new ThresholdCrossings(
                fellTo(before, after, levels.firstWarning()),
                fellTo(before, after, levels.secondWarning()),
                fellTo(before, after, levels.cutOff()),
                depleted && after >= levels.reconnect());
    }

    private static boolean fellTo(long before, long after, long level) {
        return before > level && after <= level;
    }
}
