package com.meterledger.app.security.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the issuer needs a new current signing key: none exists yet (first start of the first node), the current
 * one has signed for the whole rotation period, or it is still fresh.
 */
public enum KeyRotation {
    NO_CURRENT_KEY, DUE, FRESH;

    public static KeyRotation verdict(Optional<Instant> currentActivatedAt, Instant now, Duration period) {
        if (currentActivatedAt.isEmpty()) {
            return NO_CURRENT_KEY;
        }
        return currentActivatedAt.get().plus(period).isAfter(now) ? FRESH : DUE;
    }

    public boolean needsNewKey() {
        return this != FRESH;
    }

    /**
     * How long a key stays published after it stopped signing: a token it signed lives up to the access-token
     * lifetime, a node may sign with it for up to its refresh interval after another node rotated, and clocks drift
     * (5 minutes allowed, as the resource server's own clock skew tolerance is 60 s).
     */
    public static Duration publishedAfterRetirement(Duration tokenTimeToLive, Duration refreshInterval) {
        return tokenTimeToLive.plus(refreshInterval).plus(Duration.ofMinutes(5));
    }
}
