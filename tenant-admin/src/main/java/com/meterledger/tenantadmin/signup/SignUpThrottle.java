package com.meterledger.tenantadmin.signup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perHour} sign-ups (and verification mails) per client address per hour, on top of the public doors'
 * per-minute limit: each one sends a mail and reserves a slug, so a script must not be able to do it in bulk.
 * In-memory per node, like the public limiter.
 */
public class SignUpThrottle {
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int MAX_TRACKED = 100_000;

    private final int perHour;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public SignUpThrottle(int perHour, Clock clock) {
        this.perHour = perHour;
        this.clock = clock;
    }

    /** @return how long the address must wait, or empty when this attempt is allowed (and now counted) */
    public Optional<Duration> attempt(String clientAddress) {
        Instant now = clock.instant();
        if (recent.size() > MAX_TRACKED) {
            recent.clear();
        }
        Deque<Instant> times = recent.computeIfAbsent(clientAddress, address -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= perHour) {
                return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
            }
            times.addLast(now);
            return Optional.empty();
        }
    }

    /** Thrown when an address signs up too often; answered 429 with Retry-After. */
    public static class Throttled extends RuntimeException {
        private final Duration retryAfter;

        public Throttled(Duration retryAfter) {
            super("too many sign-ups from this address; try again in " + Math.max(1, retryAfter.toMinutes())
                    + " minutes");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
