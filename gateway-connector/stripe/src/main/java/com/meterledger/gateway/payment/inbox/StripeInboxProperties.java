package com.meterledger.gateway.payment.inbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code meterledger.stripe.inbox}: how the queued webhook deliveries are worked off.
 *
 * @param workers      threads per node taking deliveries (nodes share the inbox through row locks)
 * @param batchSize    deliveries a worker takes at once
 * @param pollInterval how long an idle worker waits before it looks again (a new delivery wakes it sooner)
 * @param lease        how long a taken delivery is held unless its worker renews it (every third of this while it
 *                     works on it); a worker that dies frees it after this
 * @param maxAttempts  tries before a delivery goes dead (an early refund waiting for its payment counts too)
 * @param retryBackoff the wait after the first failed try, doubling each time up to {@code maxBackoff}
 */
@ConfigurationProperties("meterledger.stripe.inbox")
public record StripeInboxProperties(Integer workers, Integer batchSize, Duration pollInterval, Duration lease,
                                    Integer maxAttempts, Duration retryBackoff, Duration maxBackoff) {
    public StripeInboxProperties {
        workers = workers == null ? 2 : Math.max(1, workers);
        batchSize = batchSize == null ? 20 : Math.max(1, batchSize);
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(5) : lease;
        maxAttempts = maxAttempts == null ? 12 : Math.max(1, maxAttempts);
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(15) : maxBackoff;
    }

    /** The wait after the {@code attempt}-th failed try: doubling from {@code retryBackoff}, capped. */
    public Duration backoffAfter(int attempt) {
        long millis = retryBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
