package com.meterledger.gateway.payment;

import com.stripe.Stripe;
import com.stripe.net.Webhook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the processor makes of signed events it cannot act on, without a database or a command bus behind it. */
class StripeWebhookProcessorTest {
    /** The processed-events table, in memory. */
    private final Map<String, String> done = new HashMap<>();
    private final StripeWebhookProcessor processor = new StripeWebhookProcessor(null, null,
            new ProcessedStripeEvents(null) {
                @Override
                public boolean done(String eventId) {
                    return done.containsKey(eventId);
                }

                @Override
                public boolean markDone(String eventId, String type, String outcome) {
                    return done.putIfAbsent(eventId, outcome) == null;
                }
            }, null, null, null);

    @ParameterizedTest
    @ValueSource(strings = {"", "\"data\":{},", "\"data\":null,"})
    void anEventWithoutItsObjectIsAPermanentMalformedOutcomeNotARetry(String data) {
        for (String type : new String[] {"checkout.session.completed", "checkout.session.expired", "charge.refunded",
                "charge.dispute.created", "account.updated", "customer.subscription.created",
                "customer.subscription.updated", "customer.subscription.deleted", "customer.subscription.trial_will_end",
                "invoice.paid", "invoice.payment_failed"}) {
            String id = "evt_" + type.hashCode() + "_" + data.length();
            String payload = """
                    {"id":"%s","object":"event","api_version":"%s","created":1,"livemode":false,%s"type":"%s"}"""
                    .formatted(id, Stripe.API_VERSION, data, type);

            assertThat(processor.process(Webhook.constructEventWithoutVerification(payload)))
                    .as(type).isEqualTo(StripeWebhookProcessor.Outcome.MALFORMED);
            assertThat(done).containsEntry(id, "MALFORMED");
        }
    }
}
