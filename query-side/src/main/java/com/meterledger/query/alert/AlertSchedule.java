package com.meterledger.query.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an alert pass on this node every {@code meterledger.alerts.evaluate-interval} (zero: never, as in the tests,
 * which run passes themselves at the moments they choose), on one daemon thread, from the start of the application to
 * its stop. A pass keeps nothing in memory, so a restart simply runs the next one.
 */
public class AlertSchedule implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AlertSchedule.class);

    private final AlertEvaluator evaluator;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public AlertSchedule(AlertEvaluator evaluator, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("meterledger.alerts.evaluate-interval must not be negative");
        }
        this.evaluator = evaluator;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (timer != null || interval.isZero()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "alert-evaluator");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            long started = System.nanoTime();
            AlertEvaluator.Outcome outcome = evaluator.evaluateAll(Instant.now());
            log.info("alert pass: {} opened, {} resolved in {} ms", outcome.opened(), outcome.resolved(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("alert pass failed, the next one runs as planned: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
