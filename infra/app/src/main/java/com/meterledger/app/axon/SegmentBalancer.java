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
 * {@code tokenClaimInterval}). Nothing caps claiming: a node whose peer died takes the peer's segments as soon as their
 * claims time out, and gives them back when the peer returns. A node that stops says so by deleting its row.
 */
public final class SegmentBalancer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

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

    /** One round: say this node is alive, then give up what is above its share where another node can take it. */
    public void balance() {
        jdbc.update("""
                insert into processor_node (node_id, seen_at) values (?, now())
                on conflict (node_id) do update set seen_at = excluded.seen_at""", nodeId);
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
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
        try {
            jdbc.update("delete from processor_node where node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.debug("could not say this node stops: {}", e.toString());
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
