package com.meterledger.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentPropertiesTest {

    @Test
    void aTenantsOwnLimitsAndPresetsOverrideTheDefaults() {
        PaymentProperties properties = new PaymentProperties(100L, 50_000L, List.of(1_000L, 2_000L),
                Map.of("t1", new PaymentProperties.Limits(500L, null, List.of(500L, 700L))));

        assertThat(properties.minimumOf("t1")).isEqualTo(500);
        assertThat(properties.maximumOf("t1")).isEqualTo(50_000);
        assertThat(properties.presetsOf("t1")).containsExactly(500L, 700L);
        assertThat(properties.presetsOf("other")).containsExactly(1_000L, 2_000L);
    }

    @Test
    void aPresetOutsideTheLimitsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new PaymentProperties(100L, 1_000L, List.of(5_000L), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preset 5000");
        assertThatThrownBy(() -> new PaymentProperties(100L, 50_000L, null,
                Map.of("t1", new PaymentProperties.Limits(null, 1_500L, null))))
                .hasMessageContaining("meterledger.payments.tenants.t1");
    }

    @Test
    void aMinimumAboveTheMaximumOrBelowOneIsRefused() {
        assertThatThrownBy(() -> new PaymentProperties(2_000L, 1_000L, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentProperties(0L, 1_000L, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
