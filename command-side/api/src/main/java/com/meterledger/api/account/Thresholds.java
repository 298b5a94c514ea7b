package com.meterledger.api.account;

/**
 * An account's balance levels in minor units: two warnings, the cut-off level and the level a top-up must reach
 * before supply is restored. Warning levels lie above the cut-off; the reconnect level lies above the cut-off too.
 */
public record Thresholds(long firstWarning, long secondWarning, long cutOff, long reconnect) {
    public Thresholds {
        if (!(firstWarning > secondWarning && secondWarning > cutOff)) {
            throw new IllegalArgumentException("thresholds must fall: first warning > second warning > cut-off");
        }
        if (reconnect <= cutOff) {
            throw new IllegalArgumentException("the reconnect level must lie above the cut-off level");
        }
    }

    /** Warn at 20.00 and 5.00, cut at 0, reconnect from 1.00 (in minor units of the account's currency). */
    public static Thresholds standard() {
        return new Thresholds(2_000, 500, 0, 100);
    }
}
