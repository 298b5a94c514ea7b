package com.meterledger.query.support;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * One tenant's events as the event store hands them to a processor: each an aggregate's domain event (its type,
 * identifier and next sequence number) at the next position of the store, with the tenant in its metadata.
 */
public final class EventStream {
    /** Positions are global to the store: one counter for every stream of the test JVM. */
    private static long position;

    private final String tenant;
    private final Map<String, Long> sequences = new HashMap<>();

    public EventStream(String tenant) {
        this.tenant = tenant;
    }

    /** An event of the account aggregate ({@code Account}, identified by the account's id). */
    public TrackedEventMessage<?> account(String accountId, Object payload, Instant at) {
        return event("Account", accountId, payload, at);
    }

    /** An event of the meter aggregate ({@code Meter}, identified by the meter's id). */
    public TrackedEventMessage<?> meter(String meterId, Object payload, Instant at) {
        return event("Meter", meterId, payload, at);
    }

    /** An event of the tariff aggregate ({@code Tariff}, identified by the tariff's id). */
    public TrackedEventMessage<?> tariff(String tariffId, Object payload, Instant at) {
        return event("Tariff", tariffId, payload, at);
    }

    /** An event of the account aggregate with more metadata than its tenant (who did it, what caused it). */
    public TrackedEventMessage<?> account(String accountId, Object payload, Instant at, Map<String, ?> metaData) {
        return event("Account", accountId, payload, at, metaData);
    }

    private TrackedEventMessage<?> event(String type, String aggregateId, Object payload, Instant at) {
        return event(type, aggregateId, payload, at, Map.of());
    }

    private TrackedEventMessage<?> event(String type, String aggregateId, Object payload, Instant at,
                                         Map<String, ?> metaData) {
        long sequence = sequences.merge(type + ":" + aggregateId, 1L, Long::sum) - 1;
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.from(metaData).and(TENANT, tenant), UUID.randomUUID().toString(), at);
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(nextPosition()), event);
    }

    private static synchronized long nextPosition() {
        return ++position;
    }
}
