package com.meterledger.core.config;

import com.meterledger.core.supply.SupplyReconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the supply reconciler on this node every {@code meterledger.supply.reconcile-interval}, on one daemon thread,
 * from the start of the application (after Axon's processors, so the commands it sends find their handlers) to its
 * stop. A pass that fails is logged and the next one runs as planned.
 */
public class SupplyReconciliationSchedule implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SupplyReconciliationSchedule.class);

    private final SupplyReconciler reconciler;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public SupplyReconciliationSchedule(SupplyReconciler reconciler, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("meterledger.supply.reconcile-interval must be positive");
        }
        this.reconciler = reconciler;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "supply-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            int asked = reconciler.reconcile();
            if (asked > 0) {
                log.info("supply reconciler asked {} meters to reconcile", asked);
            }
        } catch (RuntimeException e) {
            log.warn("supply reconciliation pass failed: {}", e.toString());
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

    /** Late in the start, early in the stop: after Axon's event processors and command handlers are up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
