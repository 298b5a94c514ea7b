package com.meterledger.gateway.payment.inbox;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StripeInboxPropertiesTest {
    private final StripeInboxProperties properties = new StripeInboxProperties(null, null, null, null, null,
            Duration.ofSeconds(2), Duration.ofMinutes(15));

    @Test
    void theBackOffDoublesFromTheFirstWait() {
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofSeconds(32));
    }

    @Property
    void theBackOffNeverShrinksAndNeverExceedsItsCap(@ForAll @IntRange(min = 1, max = 1_000) int attempt) {
        Duration wait = properties.backoffAfter(attempt);
        assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(15)).isPositive();
        assertThat(properties.backoffAfter(attempt + 1)).isGreaterThanOrEqualTo(wait);
    }
}
