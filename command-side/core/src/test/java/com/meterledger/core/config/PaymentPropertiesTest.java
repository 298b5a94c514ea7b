package com.meterledger.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentPropertiesTest {

    @Test
    void unsetLimitsAndPresetsAreThePlatformsStandardOnes() {
        PaymentProperties properties = new PaymentProperties(null, null, null);

        assertThat(properties.minimumMinor()).isEqualTo(100);
        assertThat(properties.maximumMinor()).isEqualTo(100_000);
        assertThat(properties.presetsMinor()).containsExactly(1_000L, 2_000L, 5_000L);
    }

    @Test
    void aPresetOutsideTheLimitsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new PaymentProperties(100L, 1_000L, List.of(5_000L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preset 5000");
    }

    @Test
    void aMinimumAboveTheMaximumOrBelowOneIsRefused() {
        assertThatThrownBy(() -> new PaymentProperties(2_000L, 1_000L, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentProperties(0L, 1_000L, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
