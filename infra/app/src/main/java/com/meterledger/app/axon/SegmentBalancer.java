package com.meterledger.app.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Spreads every pooled processor's segments over the nodes that are alive (issue 19: the first node to start held all
 * 10 segments and the second never claimed one, even after a restart).
 * <p>
 * Each node says it is alive every {@code interval} in {@code processor_node}, under the name Axon writes as the owner
 * of its claims in {@code token_entry}. Then, per processor, it compares what it holds with its {@link SegmentShare}
 * and releases the excess to the live nodes below their share, which claim it at their next claim round (Axon's
 * {@code tokenClaimInterval}). Nothing caps claiming: a node whose peer died takes the peer's segments, and gives them
 * back when the peer returns. A node that stops says so by deleting its row.
 * <p>
 * A peer whose heartbeat is older than {@code nodeTimeout} is gone: its claims are freed at once and claimed here
 * ({@link #takeOverFromSilentNodes}), instead of waiting for Axon's claim time-out and the next claim round. With the
 * claim time-out alone, the two-node run of issue 19 saw the survivor hold every segment 15.5 s after {@code kill -9}
 * (4 s time-out, 1 s claim rounds, and the single-threaded tracking processors' own 5 s rounds, on a machine at load
 * 20); the heartbeat decides in {@code nodeTimeout} plus one round. Only a node that has said it is alive can be
 * declared gone (a node starting up, before its first heartbeat, keeps its claims), and a node wrongly declared gone
 * (a pause longer than the time-out) loses nothing but work in flight: its next token update fails on the owner
 * check, its batch rolls back and is handled again by whoever holds the segment.
 */
public final class SegmentBalancer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final Supplier<EventProcessingConfiguration> processing;
    private final String nodeId;
    private final Duration interval;
    private final Duration nodeTimeout;
    private final Duration releaseFor;
    private ScheduledExecutorService timer;

    public SegmentBalancer(JdbcTemplate jdbc, Supplier<EventProcessingConfiguration> processing, String nodeId,
                           Duration interval, Duration nodeTimeout, Duration releaseFor) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.nodeId = nodeId;
        this.interval = interval;
        this.nodeTimeout = nodeTimeout;
        this.releaseFor = releaseFor;
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * One round: say this node is alive, take over what silent nodes held, then give up what is above its share where
     * another node can take it.
     */
    public void balance() {
        jdbc.update("""
                insert into processor_node (node_id, seen_at) values (?, now())
                on conflict (node_id) do update set seen_at = excluded.seen_at""", nodeId);
        takeOverFromSilentNodes();
        List<String> live = new ArrayList<>(jdbc.queryForList("""
                select node_id from processor_node where seen_at > now() - make_interval(secs => ?)""",
                String.class, nodeTimeout.toMillis() / 1000.0));
        if (!live.contains(nodeId)) {
            live.add(nodeId);
        }
        Map<String, Map<String, Integer>> held = heldPerProcessorAndOwner();
        Map<String, Integer> segments = segmentsPerProcessor();
        for (Map.Entry<String, StreamingEventProcessor> entry : pooledProcessors().entrySet()) {
            StreamingEventProcessor processor = entry.getValue();
            int total = segments.getOrDefault(entry.getKey(), 0);
            if (total == 0 || !processor.isRunning()) {
                continue;
            }
            Map<String, Integer> owners = held.getOrDefault(entry.getKey(), Map.of());
            List<Integer> others = live.stream().filter(node -> !node.equals(nodeId))
                    .map(node -> owners.getOrDefault(node, 0)).toList();
            Set<Integer> mine = processor.processingStatus().keySet();
            int release = new SegmentShare(total, live.size()).toRelease(mine.size(), others);
            mine.stream().sorted(Comparator.reverseOrder()).limit(release).forEach(segment -> {
                log.info("processor {}: releasing segment {} to a live node below its share ({} nodes alive)",
                        entry.getKey(), segment, live.size());
                processor.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
            });
        }
    }

    /**
     * Frees the claims of every node whose heartbeat stopped more than {@code nodeTimeout} ago (its row goes with
     * them) and asks this node's processors to claim those segments now. Several survivors may do so at once: each
     * segment's claim is taken by one of them (Axon's claim locks the token row), the others' attempts come to nothing.
     */
    void takeOverFromSilentNodes() {
        List<String> silent = jdbc.queryForList("""
                select node_id from processor_node
                where seen_at <= now() - make_interval(secs => ?) and node_id <> ?""",
                String.class, nodeTimeout.toMillis() / 1000.0, nodeId);
        if (silent.isEmpty()) {
            return;
        }
        Map<String, List<Integer>> freed = new HashMap<>();
        for (String node : silent) {
            jdbc.query("""
                    update token_entry set owner = null where owner = ?
                    returning processor_name, segment""", row -> {
                freed.computeIfAbsent(row.getString(1), name -> new ArrayList<>()).add(row.getInt(2));
            }, node);
            jdbc.update("delete from processor_node where node_id = ? and seen_at <= now() - make_interval(secs => ?)",
                    node, nodeTimeout.toMillis() / 1000.0);
        }
        int segments = freed.values().stream().mapToInt(List::size).sum();
        log.info("nodes {} silent for more than {}: freed their {} segments and claiming them here", silent,
                nodeTimeout, segments);
        Map<String, StreamingEventProcessor> processors = pooledProcessors();
        freed.forEach((name, ids) -> {
            StreamingEventProcessor processor = processors.get(name);
            if (processor != null && processor.isRunning()) {
                ids.forEach(processor::claimSegment);
            }
        });
    }

    private Map<String, StreamingEventProcessor> pooledProcessors() {
        Map<String, StreamingEventProcessor> pooled = new HashMap<>();
        processing.get().eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                pooled.put(name, streaming);
            }
        });
        return pooled;
    }

    /**
     * What each owner holds. Only live nodes' holdings are compared, and a live node's claim counts even when it is
     * older than the claim time-out: a node in a long batch (a search bulk on a busy machine) extends its claims only
     * after it, and counting them as free made the other node release segments the busy one was about to keep, again
     * and again (seen in the two-node run with the machine's load at 30).
     */
    private Map<String, Map<String, Integer>> heldPerProcessorAndOwner() {
        Map<String, Map<String, Integer>> held = new HashMap<>();
        jdbc.query("select processor_name, owner from token_entry where owner is not null", row -> {
            held.computeIfAbsent(row.getString(1), name -> new HashMap<>()).merge(row.getString(2), 1, Integer::sum);
        });
        return held;
    }

    private Map<String, Integer> segmentsPerProcessor() {
        Map<String, Integer> segments = new HashMap<>();
        jdbc.query("select processor_name, count(*) from token_entry group by processor_name",
                row -> {
                    segments.put(row.getString(1), row.getInt(2));
                });
        return segments;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                balance();
            } catch (RuntimeException e) {
                log.warn("segment balancing failed, trying again in {}: {}", interval, e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
        // a courtesy, bounded: the peers find a silent row anyway. At the end of a test JVM the pool had no
        // connection to give, and this delete held the JVM's exit for Hikari's 30 s until surefire killed the fork.
        Thread farewell = new Thread(() -> {
            try {
                jdbc.update("delete from processor_node where node_id = ?", nodeId);
            } catch (RuntimeException e) {
                log.debug("could not say this node stops: {}", e.toString());
            }
        }, "segment-balancer-farewell");
        farewell.setDaemon(true);
        farewell.start();
        try {
            farewell.join(STOP_PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Stopped after Axon's processors (whose phase is higher), so a stopping node's row goes last. */
    @Override
    public int getPhase() {
        return 0;
    }
}
