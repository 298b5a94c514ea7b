package com.meterledger.app.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes the coordinators of pooled processors when there may be new events to read.
 * <p>
 * The embedded event store cannot call a coordinator back, so an idle one looked again only every 500 ms: a reading's
 * balance became visible a quarter of a second late on average. Here every commit of this node that stored events
 * wakes them at once; a timer wakes them every {@code idlePoll} as well, for the events other nodes append.
 * <p>
 * Some coordinators are woken by the timer only: a processor whose output shows later anyway (a search index shows
 * documents at its next refresh) then reads the events of many commits at once, in fewer and bigger batches.
 */
public final class EventArrivals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventArrivals.class);
    private final Set<Runnable> coordinators = ConcurrentHashMap.newKeySet();
    private final Set<Runnable> timerOnly = ConcurrentHashMap.newKeySet();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("event-arrivals").daemon().factory());

    public EventArrivals(Duration idlePoll) {
        long millis = idlePoll.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("idle poll must be at least 1 ms: " + idlePoll);
        }
        timer.scheduleWithFixedDelay(() -> {
            wake(coordinators);
            wake(timerOnly);
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Hears of every batch published on this node; a second call (another processor's build) changes nothing. */
    public void listenTo(SubscribableMessageSource<EventMessage<?>> events) {
        if (listening.compareAndSet(false, true)) {
            events.subscribe(this::published);
        }
    }

    /** Wakes {@code coordinator} from now on, until it calls the returned handle. */
    public Runnable wake(Runnable coordinator) {
        coordinators.add(coordinator);
        return () -> coordinators.remove(coordinator);
    }

    /** Wakes {@code coordinator} every {@code idlePoll} from now on, never for a commit, until it calls the handle. */
    public Runnable wakeByTimerOnly(Runnable coordinator) {
        timerOnly.add(coordinator);
        return () -> timerOnly.remove(coordinator);
    }

    /** How many commits with events this node has seen: a stream that saw fewer should expect events. */
    public long commits() {
        return commits.get();
    }

    /**
     * Subscribers hear of events while the unit of work prepares its commit: wake only once they are stored. The
     * current unit of work is the one preparing (a nested one hands its after-commit work to its parent itself).
     */
    private void published(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> arrived());
        } else {
            arrived();
        }
    }

    void arrived() {
        commits.incrementAndGet();
        wake(coordinators);
    }

    private static void wake(Set<Runnable> coordinators) {
        for (Runnable coordinator : coordinators) {
            try {
                coordinator.run();
            } catch (RuntimeException stopped) {
                // a processor shutting down refuses new coordination tasks: nothing to wake
                log.debug("coordinator not woken: {}", stopped.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
