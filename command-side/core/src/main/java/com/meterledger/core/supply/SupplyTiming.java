package com.meterledger.core.supply;

import java.time.Duration;

/**
 * How long to wait for a gateway's acknowledgement and how often to try: attempt n waits
 * {@code acknowledgeTimeout x 2^(n-1)}; after {@code maxAttempts} the command is abandoned and an alert raised.
 */
public record SupplyTiming(Duration acknowledgeTimeout, int maxAttempts) {
    public SupplyTiming {
        if (acknowledgeTimeout.isNegative() || acknowledgeTimeout.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("a positive time-out and at least one attempt are required");
        }
    }

    public Duration timeoutOf(int attempt) {
        return acknowledgeTimeout.multipliedBy(1L << Math.min(attempt - 1, 16));
    }
}
