package com.meterledger.tenantadmin.people;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The back-off of lockouts: a minute first, doubling, never more than an hour. */
class SignInGuardTest {
    @Test
    void givenEarlierLockoutsWhenLockedAgainThenTheWaitDoublesUpToAnHour() {
        assertThat(SignInGuard.backOff(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SignInGuard.backOff(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(SignInGuard.backOff(3)).isEqualTo(Duration.ofMinutes(8));
        assertThat(SignInGuard.backOff(6)).isEqualTo(Duration.ofHours(1));
        assertThat(SignInGuard.backOff(40)).isEqualTo(Duration.ofHours(1));
    }
}
