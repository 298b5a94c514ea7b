package com.meterledger.app.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The event store as one pooled processor's coordinator reads it, paced to what its work packages have done.
 * <p>
 * Axon's coordinator hands events to every work package's queue until one holds 1,024 and then sleeps 100 ms; in a
 * rebuild the work packages emptied their queues well before that and sat idle a quarter of the time. Here the stream
 * holds the coordinator back (a millisecond at a time) once it is {@code lead} events ahead of the slowest segment's
 * committed position, below the point where Axon would sleep, and lets it go on as soon as a batch commits. Queues
 * never fill, so the coordinator never sleeps, and the work packages always find a batch waiting.
 * <p>
 * The stream also calls its coordinator back when {@link EventArrivals} hears of new events (or, for a processor
 * woken by the timer only, when the timer strikes), and when it runs dry after news of a commit it gives the store's
 * reader a moment to fetch them instead of sending the coordinator to sleep.
 */
public final class PacedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    /** Axon's work-package queue size: a coordinator that fills one sleeps 100 ms. */
    public static final int AXON_QUEUE_LIMIT = 1024;
    /** Longest a coordinator is held before it falls back to Axon's own waiting (a batch that slow is unusual). */
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(1);
    private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Longest a dry stream waits for events this node has just committed (the store's reader fetches them). */
    private static final int ARRIVAL_WAIT_MILLIS = 50;

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final int lead;
    private final EventArrivals arrivals;
    private volatile Supplier<Map<Integer, EventTrackerStatus>> segments = Map::of;
    private volatile boolean wokenByCommits = true;

    public PacedEventSource(StreamableMessageSource<TrackedEventMessage<?>> store, int lead, EventArrivals arrivals) {
        if (lead < 1 || lead >= AXON_QUEUE_LIMIT) {
            throw new IllegalArgumentException("lead must be between 1 and " + (AXON_QUEUE_LIMIT - 1) + ": " + lead);
        }
        this.store = store;
        this.lead = lead;
        this.arrivals = arrivals;
    }

    /** Where the processor's segments on this node stand (its processing status), once the processor exists. */
    public void follow(Supplier<Map<Integer, EventTrackerStatus>> segments) {
        this.segments = segments;
    }

    /** Streams opened from now on wake their coordinator by {@link EventArrivals}' timer only, not per commit. */
    public void wakeByTimerOnly() {
        wokenByCommits = false;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new PacedStream(store.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** The lowest committed position over the segments that have one, if any has. */
    static OptionalLong slowest(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    private final class PacedStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> events;
        private long lastHandedOut = -1;
        private long slowestSeen = -1;
        private long commitsSeen = arrivals.commits();
        private Runnable stopWaking = () -> {
        };

        PacedStream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return awaitRoom() && (events.hasNextAvailable(timeout, unit) || newlyCommitted());
        }

        @Override
        public boolean hasNextAvailable() {
            try {
                return awaitRoom() && (events.hasNextAvailable() || newlyCommitted());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> event = events.nextAvailable();
            OptionalLong position = event.trackingToken() == null ? OptionalLong.empty()
                    : event.trackingToken().position();
            if (position.isPresent()) {
                lastHandedOut = position.getAsLong();
            }
            return event;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            stopWaking.run();
            stopWaking = wokenByCommits ? arrivals.wake(callback) : arrivals.wakeByTimerOnly(callback);
            return true;
        }

        @Override
        public void close() {
            stopWaking.run();
            events.close();
        }

        /** Dry, but this node committed events since the stream last ran dry: wait briefly for the reader. */
        private boolean newlyCommitted() throws InterruptedException {
            long commits = arrivals.commits();
            if (commits == commitsSeen) {
                return false;
            }
            commitsSeen = commits;
            return events.hasNextAvailable(ARRIVAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** False when the work packages did not make room in time: the coordinator then waits its own way. */
        private boolean awaitRoom() throws InterruptedException {
            if (!tooFarAhead()) {
                return true;
            }
            long deadline = System.nanoTime() + LONGEST_HOLD.toNanos();
            while (tooFarAhead()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(CHECK_EVERY_NANOS);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the work packages");
                }
            }
            return true;
        }

        private boolean tooFarAhead() {
            if (lastHandedOut < 0 || lastHandedOut - slowestSeen < lead) {
                return false;
            }
            OptionalLong slowest = slowest(segments.get());
            if (slowest.isEmpty()) {
                return false;
            }
            slowestSeen = slowest.getAsLong();
            return lastHandedOut - slowestSeen >= lead;
        }
    }
}
