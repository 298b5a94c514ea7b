package com.meterledger.query.audit;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code /actuator/health} component {@code deadLetters}: per processing group its parked sequences and letters.
 * <p>
 * A parked event is a projection's problem, not the node's: the node serves everything else, and a restart would
 * park the event again. So any letter turns the component {@link #DEGRADED}, which application.yml orders between
 * DOWN and UP and maps to HTTP 200, and the liveness and readiness groups do not include it: operators see it, load
 * balancers and Kubernetes do not act on it. A queue that cannot be counted (the database is away) is DOWN, as the
 * database's own component is then.
 */
@Component
public class DeadLettersHealthIndicator extends AbstractHealthIndicator {
    public static final Status DEGRADED = new Status("DEGRADED",
            "events are parked in a dead-letter queue: the accounts they belong to are not up to date");

    private final DeadLetters deadLetters;

    public DeadLettersHealthIndicator(DeadLetters deadLetters) {
        super("the dead-letter queues could not be counted");
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up();
        for (String group : deadLetters.groups()) {
            DeadLetters.Counts counts = deadLetters.counts(group);
            health.withDetail(group, Map.of("sequences", counts.sequences(), "letters", counts.letters()));
            if (counts.letters() > 0) {
                health.status(DEGRADED);
            }
        }
    }
}
