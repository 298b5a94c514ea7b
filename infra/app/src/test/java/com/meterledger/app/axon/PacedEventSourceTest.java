package com.meterledger.app.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacedEventSourceTest {
    private static final int LEAD = 4;
    private final AtomicReference<Map<Integer, EventTrackerStatus>> segments = new AtomicReference<>(Map.of());
    private final EventArrivals arrivals = new EventArrivals(Duration.ofHours(1));
    private final TenEvents store = new TenEvents();
    private final PacedEventSource source = new PacedEventSource(store, LEAD, arrivals);

    PacedEventSourceTest() {
        source.follow(segments::get);
    }

    @AfterEach
    void stop() {
        arrivals.close();
    }

    @Test
    void aStreamRunsFreelyWhileNoSegmentHasCommittedAPosition() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(drain(stream)).isEqualTo(10);
    }

    @Test
    void aStreamRunsFreelyWhileTheSlowestSegmentIsLessThanTheLeadBehind() throws InterruptedException {
        segments.set(Map.of(0, at(0, 6), 1, at(1, 9)));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(drain(stream)).isEqualTo(10);
    }

    @Test
    void theCoordinatorIsHeldBackOnceItIsTheLeadAheadOfTheSlowestSegmentAndLeftToWaitItsOwnWayAfterASecond()
            throws InterruptedException {
        segments.set(Map.of(0, at(0, 0), 1, at(1, 9)));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        for (int i = 0; i < LEAD; i++) {
            stream.nextAvailable();
        }

        assertThat(stream.hasNextAvailable()).as("position 3 handed out, slowest segment at 0").isTrue();
        stream.nextAvailable();
        assertThat(stream.hasNextAvailable()).as("position 4 handed out, slowest segment still at 0").isFalse();
        assertThat(stream.peek()).as("the event itself is there").isPresent();
    }

    @Test
    void theCoordinatorGoesOnAsSoonAsTheSlowestSegmentCommits() throws Exception {
        segments.set(Map.of(0, at(0, 0)));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        for (int i = 0; i <= LEAD; i++) {
            stream.nextAvailable();
        }

        CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(stream::hasNextAvailable);
        segments.set(Map.of(0, at(0, 2)));

        assertThat(next.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().trackingToken().position()).hasValue(LEAD + 1);
    }

    @Test
    void aLeadThatWouldLetAxonsQueueFillIsRefused() {
        assertThatThrownBy(() -> new PacedEventSource(store, PacedEventSource.AXON_QUEUE_LIMIT, arrivals))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamCallsItsCoordinatorBackWhenThisNodeCommitsEventsUntilItIsClosed() {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();

        assertThat(stream.setOnAvailableCallback(woken::incrementAndGet)).isTrue();
        arrivals.arrived();
        stream.close();
        arrivals.arrived();

        assertThat(woken).hasValue(1);
    }

    @Test
    void aStreamOfAProcessorWokenByTheTimerOnlyIsNotCalledBackForACommit() {
        source.wakeByTimerOnly();
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger woken = new AtomicInteger();

        assertThat(stream.setOnAvailableCallback(woken::incrementAndGet)).isTrue();
        arrivals.arrived();

        assertThat(woken).hasValue(0);
    }

    @Test
    void aDryStreamWaitsBrieflyForTheReaderOnlyWhenThisNodeCommittedEventsSinceItLastRanDry()
            throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        drain(stream);
        store.waits.clear();

        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(store.waits).as("nothing committed: no wait").containsOnly(0L);
        arrivals.arrived();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(store.waits).as("a commit: one brief wait for the reader").containsExactly(0L, 0L, 50L);
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(store.waits).as("the same commit does not make it wait again").containsExactly(0L, 0L, 50L, 0L);
    }

    private static int drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        int taken = 0;
        while (stream.hasNextAvailable()) {
            stream.nextAvailable();
            taken++;
        }
        return taken;
    }

    private static EventTrackerStatus at(int segment, long position) {
        return new TrackerStatus(Segment.splitBalanced(Segment.ROOT_SEGMENT, 1).get(segment),
                new GlobalSequenceTrackingToken(position));
    }

    /** Ten events at global positions 0 to 9; notes how long each availability check was allowed to wait (ms). */
    private static final class TenEvents implements StreamableMessageSource<TrackedEventMessage<?>> {
        final List<Long> waits = new CopyOnWriteArrayList<>();

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            Deque<TrackedEventMessage<?>> events = new ArrayDeque<>();
            for (long position = 0; position < 10; position++) {
                events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                        GenericEventMessage.asEventMessage("event " + position)));
            }
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(events.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    waits.add(unit.toMillis(timeout));
                    return !events.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.remove();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
