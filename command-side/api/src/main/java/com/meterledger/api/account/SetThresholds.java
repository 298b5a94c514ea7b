package com.meterledger.api.account;

import com.meterledger.api.error.RuleViolation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets an account's levels. Bounded here, on the command, rather than in {@link Thresholds}: events that stored
 * levels before the bounds existed must still load. Every level lies within {@link #MAX_LEVEL} of zero, and the
 * reconnect level within one largest top-up of the cut-off: a reconnect level no top-up can reach (such as
 * 9223372036854775807) would mean supply never returns after a cut.
 */
public record SetThresholds(@TargetAggregateIdentifier AccountId accountId, Thresholds thresholds) {
    /** The largest single top-up, in minor units; no level lies further than this from zero. */
    public static final long MAX_LEVEL = 1_000_000_000L;
    public static final String OUT_OF_RANGE = "threshold-out-of-range";

    public SetThresholds {
        if (thresholds == null) {
            throw new IllegalArgumentException("the thresholds are required");
        }
        requireInRange("first warning", thresholds.firstWarning());
        requireInRange("second warning", thresholds.secondWarning());
        requireInRange("cut-off", thresholds.cutOff());
        requireInRange("reconnect", thresholds.reconnect());
        if (thresholds.reconnect() - thresholds.cutOff() > MAX_LEVEL) {
            throw new RuleViolation(OUT_OF_RANGE, "the reconnect level %d lies more than %d minor units (the largest "
                    .formatted(thresholds.reconnect(), MAX_LEVEL)
                    + "top-up) above the cut-off level %d: supply could never return".formatted(thresholds.cutOff()), MAX_LEVEL);
        }
    }

    private static void requireInRange(String level, long value) {
        if (value < -MAX_LEVEL || value > MAX_LEVEL) {
            throw new RuleViolation(OUT_OF_RANGE, "the %s level %d lies outside -%d..%d minor units"
                    .formatted(level, value, MAX_LEVEL, MAX_LEVEL), MAX_LEVEL);
        }
    }
}
