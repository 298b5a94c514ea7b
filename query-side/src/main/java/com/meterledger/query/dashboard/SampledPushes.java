package com.meterledger.query.dashboard;

import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * How a live page follows a subscription query's updates: at most one push per interval (a burst of changes gives
 * one push, made after the last), each on a worker thread rather than the projection's, one at a time.
 */
public final class SampledPushes {
    private static final Logger log = LoggerFactory.getLogger(SampledPushes.class);

    private SampledPushes() {
    }

    /** Runs {@code push} after updates of {@code result} until the returned handle is closed, which closes it. */
    public static AutoCloseable follow(SubscriptionQueryResult<?, ?> result, Duration interval, Runnable push,
                                       String what) {
        Disposable updates = result.updates()
                .sample(interval)
                .onBackpressureLatest()
                .publishOn(Schedulers.boundedElastic(), 1)
                .subscribe(change -> push.run(), error -> log.warn("updates of {} ended: {}", what, error.toString()));
        return () -> {
            updates.dispose();
            result.close();
        };
    }
}
