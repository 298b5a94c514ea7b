package com.meterledger.app.payment;

import com.meterledger.stripesandbox.StripeSandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the local Stripe sandbox changes in the application's settings, and when it refuses to. */
class StripeSandboxEnvironmentTest {
    private final StripeSandboxEnvironment sandbox = new StripeSandboxEnvironment();

    @Test
    void enabledItBecomesTheApiBaseAndTheCheckoutOriginWithLocalKeysWhereNoneAreSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("meterledger.stripe.sandbox.enabled", "true")
                .withProperty("meterledger.stripe.sandbox.port", "12111")
                .withProperty("meterledger.stripe.api-base", "https://api.stripe.com")
                .withProperty("meterledger.stripe.webhook-secret", "whsec_configured");

        sandbox.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("meterledger.stripe.api-base")).isEqualTo("http://127.0.0.1:12111");
        assertThat(environment.getProperty("meterledger.pay.checkout-origin")).isEqualTo("http://127.0.0.1:12111");
        assertThat(environment.getProperty("meterledger.stripe.api-key")).startsWith("sk_test_");
        assertThat(environment.getProperty("meterledger.stripe.webhook-secret")).isEqualTo("whsec_configured");
    }

    @Test
    void disabledItChangesNothing() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("meterledger.stripe.api-base", "https://api.stripe.com");

        sandbox.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("meterledger.stripe.api-base")).isEqualTo("https://api.stripe.com");
        assertThat(environment.getProperty("meterledger.stripe.api-key")).isNull();
    }

    @Test
    void enabledWithALiveKeyTheApplicationDoesNotStart() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("meterledger.stripe.sandbox.enabled", "true")
                .withProperty("meterledger.stripe.api-key", "sk_live_123");

        assertThatThrownBy(() -> sandbox.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("live Stripe key");
    }
}
