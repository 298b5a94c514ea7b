package com.meterledger.query.audit;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.query.account.AccountProjection;
import com.meterledger.query.tariff.TariffProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds a projection from the event store: shut its streaming processor down, reset its tokens to the tail of the
 * store (the projection's {@code @ResetHandler} empties its tables), start it again; then follow its progress
 * from the processor's own token positions against the store's head at the moment of the reset.
 * <p>
 * A rebuild is a <b>platform-level</b> operation: the projection tables hold every tenant's rows, and while it runs
 * every tenant's balances are being rebuilt (reads show partial data until it ends). Callers must be platform
 * operators (see {@code AuditController}). With several application nodes, the other nodes must release the
 * processor's segments first (stop the processor there): Axon refuses to reset tokens that another node has claimed,
 * and this then answers 422 {@code rebuild-not-possible} and restarts the processor unchanged.
 */
@Service
public class ProjectionRebuilds {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    /** Projections whose handlers declare a {@code @ResetHandler} that empties their tables. */
    static final Set<String> REBUILDABLE = Set.of(AccountProjection.PROCESSING_GROUP, TariffProjection.PROCESSING_GROUP);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public ProjectionRebuilds(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public enum State { IDLE, REBUILDING, DONE, FAILED }

    public record SegmentStatus(int segment, Long position, boolean replaying, boolean caughtUp, String error) {
    }

    /**
     * @param percent          share of the events up to {@code targetPosition} (the store's head when the rebuild
     *                         began) that the slowest segment has passed
     * @param eventsPerSecond  global-index positions passed per second since the rebuild began (the global index
     *                         has few gaps, so this is events/s within a fraction of a percent)
     * @param secondsLeft      at that rate, until the target; 0 when done; null when not known yet
     */
    public record Status(String processor, State state, Instant startedAt, Instant finishedAt, double percent,
                         Double eventsPerSecond, Double secondsLeft, long startPosition, long position,
                         long targetPosition, long headPosition, List<SegmentStatus> segments) {
    }

    private static final class Run {
        final Instant startedAt = Instant.now();
        final long startedNanos = System.nanoTime();
        final long startPosition;
        final long targetPosition;
        final int segments;
        volatile long finishedNanos;
        volatile Instant finishedAt;
        volatile String failure;
        /** the furthest position reported so far: progress shown never goes back */
        final AtomicLong reported;

        Run(long startPosition, long targetPosition, int segments) {
            this.startPosition = startPosition;
            this.targetPosition = targetPosition;
            this.segments = segments;
            this.reported = new AtomicLong(startPosition);
        }

        boolean finished() {
            return finishedAt != null;
        }
    }

    /** Starts a rebuild and returns at once; follow it with {@link #status}. */
    public synchronized Status rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        Run current = runs.get(name);
        if (current != null && !current.finished()) {
            throw new RuleViolation("rebuild-in-progress", "a rebuild of " + name + " is already running since "
                    + current.startedAt);
        }
        if (!processor.supportsReset()) {
            throw new RuleViolation("rebuild-not-supported", name + " does not support a reset");
        }
        processor.shutDown();
        Run run;
        try {
            long start = position(eventStore.createTailToken()).orElse(0);
            long target = position(eventStore.createHeadToken()).orElse(start);
            processor.resetTokens();
            run = new Run(start, target, processing.tokenStore(name).fetchSegments(name).length);
            runs.put(name, run);
        } catch (RuntimeException e) {
            log.warn("Rebuild of {} refused; the processor restarts unchanged", name, e);
            throw new RuleViolation("rebuild-not-possible", "the tokens of " + name + " could not be reset ("
                    + e.getMessage() + "); with several nodes, stop the processor on the others first");
        } finally {
            processor.start();
        }
        log.info("Rebuild of {} started: replaying global index {}..{}", name, run.startPosition, run.targetPosition);
        Thread.ofVirtual().name("rebuild-monitor-" + name).start(() -> follow(name, processor, run));
        return status(name);
    }

    public Status status(String name) {
        StreamingEventProcessor processor = processor(name);
        Run run = runs.get(name);
        List<SegmentStatus> segments = segments(processor);
        long head = position(eventStore.createHeadToken()).orElse(0);
        if (run == null) {
            long position = slowest(processor).orElse(head);
            State state = processor.isReplaying() ? State.REBUILDING : State.IDLE;
            return new Status(name, state, null, null, state == State.IDLE ? 100 : 0, null, null, 0,
                    position, head, head, segments);
        }
        // a segment not claimed since the restart has no status yet: it is still at the start
        long position = run.reported.accumulateAndGet(segments.size() < run.segments ? run.startPosition
                : slowest(processor).orElse(run.startPosition), Math::max);
        long total = Math.max(0, run.targetPosition - run.startPosition);
        long done = Math.min(total, Math.max(0, position - run.startPosition));
        boolean finished = run.finished();
        if (finished) {
            done = total;
        }
        double seconds = ((finished ? run.finishedNanos : System.nanoTime()) - run.startedNanos) / 1e9;
        double percent = total == 0 ? 100 : Math.floor(1000.0 * done / total) / 10;
        Double rate = seconds > 0 && done > 0 ? done / seconds : null;
        Double left = finished ? Double.valueOf(0) : rate == null ? null : (total - done) / rate;
        State state = run.failure != null ? State.FAILED : finished ? State.DONE : State.REBUILDING;
        return new Status(name, state, run.startedAt, run.finishedAt, percent, rate, left, run.startPosition,
                position, run.targetPosition, head, segments);
    }

    /** Watches the processor until every segment has left replay and passed the target, and notes the moment. */
    private void follow(String name, StreamingEventProcessor processor, Run run) {
        long deadline = System.nanoTime() + Duration.ofHours(6).toNanos();
        int segments = run.segments;
        try {
            while (System.nanoTime() < deadline) {
                Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                if (!status.isEmpty()) {
                    String error = status.values().stream().filter(EventTrackerStatus::isErrorState)
                            .map(s -> String.valueOf(s.getError())).findFirst().orElse(null);
                    if (error != null) {
                        run.failure = error;
                    }
                    // Done when every segment has passed the head of the store at the reset. (Axon keeps a
                    // segment flagged "replaying" until it sees an event beyond that point, which on a quiet
                    // system may be much later: the flag is not the end of the rebuild.) A segment not claimed yet
                    // after the restart has no status at all: until every segment has one, it is not done.
                    boolean done = run.targetPosition <= run.startPosition
                            || (status.size() >= segments && status.values().stream().allMatch(s ->
                            s.getCurrentPosition().orElse(Long.MIN_VALUE) >= run.targetPosition));
                    if (done) {
                        run.finishedNanos = System.nanoTime();
                        run.finishedAt = Instant.now();
                        double seconds = (run.finishedNanos - run.startedNanos) / 1e9;
                        log.info("Rebuild of {} done: global index {}..{} in {} s", name, run.startPosition,
                                run.targetPosition, String.format("%.2f", seconds));
                        return;
                    }
                }
                Thread.sleep(20);
            }
            run.failure = "not finished after 6 hours";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private StreamingEventProcessor processor(String name) {
        if (!REBUILDABLE.contains(name)) {
            throw new NotFound("rebuildable projection", name);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new NotFound("rebuildable projection", name));
    }

    private static OptionalLong slowest(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    private static List<SegmentStatus> segments(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(s -> s.getSegment().getSegmentId()))
                .map(s -> new SegmentStatus(s.getSegment().getSegmentId(),
                        s.getCurrentPosition().isPresent() ? s.getCurrentPosition().getAsLong() : null,
                        s.isReplaying(), s.isCaughtUp(), s.isErrorState() ? String.valueOf(s.getError()) : null))
                .toList();
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
