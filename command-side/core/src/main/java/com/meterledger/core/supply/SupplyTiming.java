package com.meterledger.core.supply;

import java.time.Duration;

/**
 * How long to wait for a gateway's acknowledgement and how often to try: attempt n waits
 * {@code acknowledgeTimeout x 2^(n-1)}; after {@code maxAttempts} the command is abandoned and an alert raised. After
 * an abandonment the reconciler waits {@code retryBackOff}, doubling with each further abandonment in a row up to
 * {@code maxRetryBackOff}, before it issues the same action to that meter again ({@link SupplyBackOff}).
 */
public record SupplyTiming(Duration acknowledgeTimeout, int maxAttempts, Duration retryBackOff,
                           Duration maxRetryBackOff) {
    /** The platform's defaults of the back-off: one reconcile interval's default (60 s), at most 6 hours. */
    public static final Duration DEFAULT_RETRY_BACK_OFF = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_RETRY_BACK_OFF = Duration.ofHours(6);

    public SupplyTiming {
        if (acknowledgeTimeout.isNegative() || acknowledgeTimeout.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("a positive time-out and at least one attempt are required");
        }
        if (retryBackOff.isNegative() || retryBackOff.isZero() || maxRetryBackOff.compareTo(retryBackOff) < 0) {
            throw new IllegalArgumentException("the retry back-off must be positive and at most its cap");
        }
    }

    public SupplyTiming(Duration acknowledgeTimeout, int maxAttempts) {
        this(acknowledgeTimeout, maxAttempts, DEFAULT_RETRY_BACK_OFF, DEFAULT_MAX_RETRY_BACK_OFF);
    }

    public Duration timeoutOf(int attempt) {
        return acknowledgeTimeout.multipliedBy(1L << Math.min(attempt - 1, 16));
    }

    /** How long the reconciler waits after the {@code abandonmentsInARow}-th abandonment of the same action. */
    public Duration backOffAfter(int abandonmentsInARow) {
        return SupplyBackOff.delay(abandonmentsInARow, retryBackOff, maxRetryBackOff);
    }
}
