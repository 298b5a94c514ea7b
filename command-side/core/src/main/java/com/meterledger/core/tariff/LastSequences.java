package com.meterledger.core.tariff;

import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The sequence number of the newest event of each of several aggregates, as the event store holds them now (an
 * aggregate without events is absent). The application asks the event table once for all of them; {@link #oneByOne}
 * asks the store per aggregate.
 */
@FunctionalInterface
public interface LastSequences {
    Map<String, Long> of(Collection<String> aggregateIds);

    static LastSequences oneByOne(EventStore events) {
        return ids -> {
            Map<String, Long> last = new HashMap<>();
            ids.forEach(id -> events.lastSequenceNumberFor(id).ifPresent(sequence -> last.put(id, sequence)));
            return last;
        };
    }
}
