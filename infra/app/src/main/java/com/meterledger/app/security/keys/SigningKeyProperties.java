package com.meterledger.app.security.keys;

import com.meterledger.edge.security.KeyCipher;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The embedded issuer's signing keys.
 *
 * @param encryptionKey   the key-encryption key (base64 of 32 bytes) that seals the private keys in the database;
 *                        {@code METERLEDGER_SIGNING_KEY_ENCRYPTION_KEY}. Blank: the local run's and the tests' fixed
 *                        development key, refused in the {@code deploy} profile
 * @param rotationPeriod  how long a key signs before a new one takes over (default 30 days)
 * @param checkInterval   how often each node asks whether rotation is due (default 10 minutes); the advisory lock
 *                        lets one node rotate
 * @param refreshInterval how long a node signs and verifies from its cached copy before reading the keys again
 *                        (default 1 minute); a token naming an unknown key id reads them at once
 */
@ConfigurationProperties("meterledger.auth.signing-keys")
public record SigningKeyProperties(String encryptionKey, Duration rotationPeriod, Duration checkInterval,
                                   Duration refreshInterval) {
    public static final String ENCRYPTION_KEY_SETTING = KeyCipher.ENCRYPTION_KEY_SETTING;

    public SigningKeyProperties {
        rotationPeriod = positive(rotationPeriod, Duration.ofDays(30), "rotation-period");
        checkInterval = positive(checkInterval, Duration.ofMinutes(10), "check-interval");
        refreshInterval = positive(refreshInterval, Duration.ofMinutes(1), "refresh-interval");
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("meterledger.auth.signing-keys." + name + " must be positive");
        }
        return value;
    }
}
