package com.meterledger.query.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a parked event known: a projection that dead-letters an event goes on with the others, so nothing else shows
 * that an account's balance has stopped moving.
 * <ul>
 * <li>Gauges per processing group: {@code meterledger.axon.dead_letters{group}} (letters) and
 * {@code meterledger.axon.dead_letters.sequences{group}} (parked sequences), for dashboards and alert rules.</li>
 * <li>One WARN line on the logger {@code meterledger.dead-letters} for each letter this node sees for the first time
 * (group, letter, event type, aggregate, tenant, cause), from a scan every {@code meterledger.dead-letters.scan-interval}
 * that walks a queue only while it holds letters. Each node scans, and a restarted node reports the letters still
 * parked once more: an alert repeated is better than one lost.</li>
 * <li>The same scan retries a sequence whose first letter failed for a passing reason (a lost deadlock, a time-out;
 * {@link TransientLetters}), with back-off, and logs what the retry did.</li>
 * </ul>
 * The health indicator {@code deadLetters} ({@link DeadLettersHealthIndicator}) shows the same counts.
 */
@Component
public class DeadLetterAlerts implements DisposableBean {
    static final String LOGGER = "meterledger.dead-letters";
    /** Lines per group and scan; a flood (a whole sequence parked behind one letter) ends in one summary line. */
    static final int MAX_LINES_PER_SCAN = 100;
    private static final Logger alerts = LoggerFactory.getLogger(LOGGER);
    private static final Logger log = LoggerFactory.getLogger(DeadLetterAlerts.class);

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dead-letter-scan").daemon().factory());

    public DeadLetterAlerts(DeadLetters deadLetters, MeterRegistry registry,
                            @Value("${meterledger.dead-letters.scan-interval:30s}") Duration interval) {
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.interval = interval;
    }

    /** After start-up: Axon's queues exist only once its configuration has started. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        for (String group : deadLetters.groups()) {
            Gauge.builder("meterledger.axon.dead_letters", () -> deadLetters.counts(group).letters())
                    .tag("group", group).description("events parked in the group's dead-letter queue")
                    .register(registry);
            Gauge.builder("meterledger.axon.dead_letters.sequences", () -> deadLetters.counts(group).sequences())
                    .tag("group", group).description("sequences (e.g. accounts) blocked by a dead letter")
                    .register(registry);
        }
        scanner.scheduleWithFixedDelay(this::scanSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("The dead-letter scan failed; it runs again in {}", interval, e);
        }
    }

    /** Logs the letters not seen before, and forgets those that left the queue (retried, or evicted). */
    void scan() {
        for (String group : deadLetters.groups()) {
            if (deadLetters.counts(group).letters() == 0) {
                seen.remove(group);
                continue;
            }
            Set<String> known = seen.getOrDefault(group, Set.of());
            Set<String> present = new HashSet<>();
            AtomicInteger fresh = new AtomicInteger();
            List<DeadLetterView.Letter> due = new ArrayList<>();
            Instant now = Instant.now();
            deadLetters.forEach(group, letter -> {
                present.add(letter.letterId());
                if (!known.contains(letter.letterId()) && fresh.incrementAndGet() <= MAX_LINES_PER_SCAN) {
                    alerts.warn(line(letter));
                }
                if (letter.positionInSequence() == 0 && TransientLetters.judge(letter.causeType(), letter.attempts(),
                        letter.lastTouched(), now) == TransientLetters.Verdict.RETRY_NOW) {
                    due.add(letter);
                }
            });
            retryPassing(group, due);
            if (fresh.get() > MAX_LINES_PER_SCAN) {
                alerts.warn("dead-letter group={} more={} (not listed one by one; see /api/audit/dead-letters/{})",
                        group, fresh.get() - MAX_LINES_PER_SCAN, group);
            }
            seen.put(group, present);
        }
    }

    /**
     * Hands sequences parked by a passing failure ({@link TransientLetters}) back to the projection, so a lost
     * deadlock does not freeze an account until an operator comes; what fails again stays parked, counted.
     */
    private void retryPassing(String group, List<DeadLetterView.Letter> due) {
        for (DeadLetterView.Letter letter : due) {
            DeadLetters.RetryReport report = deadLetters.retry(group, letter.letterId());
            log.info("dead-letter group={} sequence={} retried after a passing failure ({}, attempt {}): {} handled, "
                            + "{} still parked", group, letter.sequence(), letter.causeType(), letter.attempts() + 1,
                    report.lettersProcessed(), report.lettersStillParked());
        }
    }

    /** The alert's text: enough to find the letter and its account without reading the event. */
    static String line(DeadLetterView.Letter letter) {
        String cause = letter.causeType() == null
                ? "none (waits behind an earlier letter of its sequence)"
                : letter.causeType() + ": " + oneLine(letter.causeMessage());
        return String.join(" ", List.of("dead-letter group=" + letter.group(), "letter=" + letter.letterId(),
                "event=" + letter.eventType(), "aggregate=" + letter.aggregateId(),
                "aggregateSequence=" + letter.aggregateSequence(), "tenant=" + letter.tenantId(),
                "sequence=" + letter.sequence(), "position=" + letter.positionInSequence(), "cause=" + cause));
    }

    /** The whole message (at most Axon's 1,023 characters, row values withheld) on one line: a log line per alert. */
    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }

    @Override
    public void destroy() {
        scanner.shutdownNow();
    }
}
