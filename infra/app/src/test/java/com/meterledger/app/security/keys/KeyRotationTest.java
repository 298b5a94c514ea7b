package com.meterledger.app.security.keys;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When the issuer makes a new signing key, and how long a retired one stays published. */
class KeyRotationTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(30);

    @Test
    void givenNoKeyYetThenOneIsMade() {
        assertThat(KeyRotation.verdict(Optional.empty(), NOW, PERIOD)).isEqualTo(KeyRotation.NO_CURRENT_KEY);
        assertThat(KeyRotation.NO_CURRENT_KEY.needsNewKey()).isTrue();
    }

    @Test
    void givenAKeyYoungerThanThePeriodThenItStays() {
        assertThat(KeyRotation.verdict(Optional.of(NOW.minus(PERIOD).plusSeconds(1)), NOW, PERIOD))
                .isEqualTo(KeyRotation.FRESH);
        assertThat(KeyRotation.FRESH.needsNewKey()).isFalse();
    }

    @Test
    void givenAKeyThatSignedForTheWholePeriodThenRotationIsDue() {
        assertThat(KeyRotation.verdict(Optional.of(NOW.minus(PERIOD)), NOW, PERIOD)).isEqualTo(KeyRotation.DUE);
    }

    @Test
    void givenThirtyMinuteTokensThenARetiredKeyStaysPublishedLongEnoughForItsLastToken() {
        assertThat(KeyRotation.publishedAfterRetirement(Duration.ofMinutes(30), Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofMinutes(36));
    }
}
