package com.meterledger.gateway.payment.inbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The name a worker writes into {@code claimed_by}, and the lease a node takes by default. */
class WebhookLeaseHolderTest {
    private static final UUID START = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    @Test
    void givenAProcess_whenItsWorkerIsNamed_thenTheNameSaysWhichProcessHoldsTheDeliveryAndWhichStart() {
        assertThat(StripeWebhookWorker.holderName("4242@node-a", START)).isEqualTo("4242@node-a/0f1e2d3c");
    }

    @Test
    void givenAHostNameLongerThanTheColumn_whenItsWorkerIsNamed_thenTheHostIsCutAndTheStartKept() {
        String name = StripeWebhookWorker.holderName("4242@" + "h".repeat(100), START);

        assertThat(name).hasSize(64).startsWith("4242@hhh").endsWith("/0f1e2d3c");
    }

    @Test
    void givenNoLeaseConfigured_whenTheInboxIsSetUp_thenADeadNodesDeliveriesWaitAtMostFiveSeconds() {
        StripeInboxProperties defaults = new StripeInboxProperties(null, null, null, null, null, null, null);

        assertThat(defaults.lease()).isEqualTo(Duration.ofSeconds(5));
    }
}
