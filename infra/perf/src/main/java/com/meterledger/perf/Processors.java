package com.meterledger.perf;

import com.meterledger.embedded.PostgresCoordinates;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** The application's streaming event processors, seen from a benchmark. */
public final class Processors {
    private Processors() {
    }

    /**
     * Waits until every segment of every streaming processor (search and dashboard included) has handled the event
     * store up to its newest event, and returns that moment ({@link System#nanoTime()}).
     */
    public static long awaitCaughtUp(ConfigurableApplicationContext context, PostgresCoordinates db, Duration timeout)
            throws SQLException, InterruptedException {
        long head = Sql.scalar(db, "select coalesce(max(global_index), 0) from domain_event_entry");
        List<StreamingEventProcessor> processors = context.getBean(EventProcessingConfiguration.class)
                .eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!processors.stream().allMatch(processor -> reached(processor, head))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the event processors did not reach event " + head + " within "
                        + timeout);
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    private static boolean reached(StreamingEventProcessor processor, long head) {
        var status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(segment -> segment.isCaughtUp()
                && segment.getCurrentPosition().orElse(-1) >= head);
    }
}
