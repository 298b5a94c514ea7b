package com.meterledger.gateway.payment.inbox;

import com.meterledger.gateway.payment.StripeWebhookProcessor;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works off the webhook inbox: a few threads per node take due deliveries (row locks keep nodes and threads apart),
 * hand each to {@link StripeWebhookProcessor} (exactly once per Stripe event id through its processed-events table),
 * and record the outcome. A failure, or an event that is early (a refund before its payment's success), is tried
 * again with doubling back-off; after {@code maxAttempts} the delivery is dead and shows in the metrics and the
 * operators' list. The inbox is durable: a stop or a crash leaves pending rows for the next start (or another node).
 *
 * <p><b>Short leases, renewed while working.</b> A taken delivery is leased to this worker for {@code lease} (5 s);
 * every third of that, the worker renews the leases of the deliveries still in its hands, and only those it still
 * holds ({@link StripeWebhookInbox#renew}). A slow delivery therefore keeps its worker however long it takes, and a
 * dead node's deliveries are taken again within one lease and a poll: seconds, where the fixed 5-minute lease before
 * left a payment unapplied for up to 5 minutes after a {@code kill -9}. With 15 s the two-node run's orphaned
 * deliveries waited up to 16 s after the kill; renewing costs one statement per node every third of the lease, and
 * only while it holds deliveries. A worker that stalls longer than its lease (a pause under load) may see another
 * take its delivery: the payment is still applied once (processed-events table), and the stalled worker's late
 * outcome is not written over the other's ({@code claimed_by} must still name it).
 */
public class StripeWebhookWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(StripeWebhookWorker.class);
    private static final String METRIC = "meterledger.stripe.webhook";

    private final StripeWebhookInbox inbox;
    private final StripeWebhookProcessor processor;
    private final StripeInboxProperties properties;
    private final MeterRegistry metrics;
    private final Counter failures;
    private final Counter deaths;
    private final Object signal = new Object();
    /**
     * This worker's name on the leases it holds: the process ({@code pid@host}, as Axon names a token's owner) and a
     * part unique per start, so a restarted node never renews a dead one's and an operator (or the two-node run) can
     * tell which node holds a delivery.
     */
    private final String holder = holderName(ManagementFactory.getRuntimeMXBean().getName(), UUID.randomUUID());
    private final Set<Long> inHand = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private ExecutorService threads;
    private ScheduledExecutorService renewals;

    public StripeWebhookWorker(StripeWebhookInbox inbox, StripeWebhookProcessor processor,
                               StripeInboxProperties properties, MeterRegistry metrics) {
        this.inbox = inbox;
        this.processor = processor;
        this.properties = properties;
        this.metrics = metrics;
        this.failures = Counter.builder(METRIC + ".failed").description("webhook processing attempts that failed")
                .register(metrics);
        this.deaths = Counter.builder(METRIC + ".dead").description("webhook deliveries given up after all attempts")
                .register(metrics);
        for (String status : List.of("PENDING", "DEAD")) {
            Gauge.builder(METRIC + ".inbox", inbox, i -> i.count(status)).tag("status", status.toLowerCase())
                    .description("webhook deliveries in the inbox by status").register(metrics);
        }
    }

    /** {@code process/start}, at most 64 characters (the column's width): a long host name is cut, not the start. */
    static String holderName(String process, UUID start) {
        String unique = "/" + start.toString().substring(0, 8);
        return process.substring(0, Math.min(process.length(), 64 - unique.length())) + unique;
    }

    /** This worker's name on the leases it holds ({@code claimed_by}). */
    public String holder() {
        return holder;
    }

    /** A delivery was stored: a waiting worker looks now instead of at its next poll. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newFixedThreadPool(properties.workers(), runnable -> {
            Thread thread = new Thread(runnable, "stripe-webhook-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < properties.workers(); i++) {
            threads.submit(this::work);
        }
        renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stripe-webhook-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, properties.lease().toMillis() / 3);
        renewals.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }

    private void renewLeases() {
        try {
            inbox.renew(List.copyOf(inHand), properties.lease(), holder);
        } catch (RuntimeException e) {
            // the database is away: the leases run out and other workers take the deliveries, processed once still
            log.warn("stripe webhook leases not renewed: {}", e.toString());
        }
    }

    /** Stops taking deliveries and lets the ones in hand finish; pending rows wait in the inbox. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        renewals.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                List<StripeWebhookInbox.Delivery> batch = inbox.claim(properties.batchSize(), properties.lease(),
                        holder);
                if (batch.isEmpty()) {
                    idle();
                    continue;
                }
                batch.forEach(delivery -> inHand.add(delivery.deliveryId()));
                try {
                    for (StripeWebhookInbox.Delivery delivery : batch) {
                        handle(delivery);
                        inHand.remove(delivery.deliveryId());
                    }
                } finally {
                    batch.forEach(delivery -> inHand.remove(delivery.deliveryId()));
                }
            } catch (RuntimeException e) {
                // the database is away: the rows stay pending, look again after a pause
                log.warn("stripe webhook inbox unavailable: {}", e.toString());
                idle();
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            try {
                signal.wait(Math.max(1, properties.pollInterval().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void handle(StripeWebhookInbox.Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        StripeWebhookProcessor.Outcome outcome;
        try {
            Event event = Webhook.constructEventWithoutVerification(delivery.payload());
            outcome = processor.process(event);
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("stripe event {} ({}) failed on attempt {}: {}", delivery.eventId(), delivery.eventType(), attempt,
                    e.toString());
            retry(delivery, attempt, e.getClass().getSimpleName());
            return;
        }
        if (outcome == StripeWebhookProcessor.Outcome.DEFERRED) {
            retry(delivery, attempt, "DEFERRED");
            return;
        }
        if (!inbox.done(delivery.deliveryId(), attempt, outcome.name(), holder)) {
            lateOutcome(delivery, outcome.name());
            return;
        }
        metrics.counter(METRIC + ".processed", "outcome", outcome.name()).increment();
    }

    private void lateOutcome(StripeWebhookInbox.Delivery delivery, String outcome) {
        log.info("stripe event {} ({}): this worker's lease ran out before it finished ({}), another worker took the"
                + " delivery; its outcome stands", delivery.eventId(), delivery.eventType(), outcome);
    }

    private void retry(StripeWebhookInbox.Delivery delivery, int attempt, String error) {
        boolean dead = attempt >= properties.maxAttempts();
        if (!inbox.retryLater(delivery.deliveryId(), attempt, error, properties.backoffAfter(attempt), dead,
                holder)) {
            lateOutcome(delivery, error);
            return;
        }
        if (dead) {
            deaths.increment();
            log.error("stripe event {} ({}) is dead after {} attempts ({}): see GET /api/payments/webhook-inbox",
                    delivery.eventId(), delivery.eventType(), attempt, error);
        }
    }
}
