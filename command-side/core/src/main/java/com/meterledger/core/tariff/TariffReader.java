package com.meterledger.core.tariff;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TariffVersionPublished;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Reads a tariff straight from its events in the event store: always current (no projection lag), and the same
 * history the aggregate is built from. A tariff of another tenant reads exactly like an unknown id.
 * <p>
 * Every reading prices with its account's tariff, so tariffs read are kept (a bounded, least recently used set) with
 * the sequence number of their last event. A kept tariff is used only after the store confirms that sequence is
 * still its last ({@link EventStore#lastSequenceNumberFor}: one index lookup, no payloads); if another node (or this
 * one) has since published a version, only the newer events are read. So the answer is the store's, on every node,
 * as if nothing were kept.
 */
public class TariffReader {
    private static final int KEPT = 10_000;

    private final EventStore events;
    private final Map<TariffId, Kept> kept = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TariffId, Kept> eldest) {
            return size() > KEPT;
        }
    });

    public TariffReader(EventStore events) {
        this.events = events;
    }

    private record Kept(String tenant, TariffState state, long lastSequence) {
    }

    /** A tariff with all its published versions, oldest first. */
    public record TariffState(TariffId tariffId, String name, Utility utility, Currency currency, java.time.ZoneId zone,
                              Instant createdAt, List<TariffVersion> versions) {
        public TariffTimeline timeline() {
            return new TariffTimeline(zone, versions);
        }
    }

    public TariffState read(TenantId tenant, TariffId tariffId) {
        Kept known = kept.get(tariffId);
        Kept current = known == null ? readAll(tariffId) : upToDate(known, tariffId);
        if (current == null || !tenant.value().equals(current.tenant())) {
            throw new NotFound("tariff", tariffId);
        }
        if (current != known) {
            kept.put(tariffId, current);
        }
        return current.state();
    }

    private Kept upToDate(Kept known, TariffId tariffId) {
        long last = events.lastSequenceNumberFor(tariffId.value()).orElse(-1L);
        if (last == known.lastSequence()) {
            return known;
        }
        if (last < known.lastSequence()) {
            return readAll(tariffId);
        }
        List<TariffVersion> versions = new ArrayList<>(known.state().versions());
        long lastRead = readVersions(events.readEvents(tariffId.value(), known.lastSequence() + 1).asStream()
                .iterator(), versions, known.lastSequence());
        TariffState state = known.state();
        return new Kept(known.tenant(), new TariffState(tariffId, state.name(), state.utility(), state.currency(),
                state.zone(), state.createdAt(), List.copyOf(versions)), lastRead);
    }

    private Kept readAll(TariffId tariffId) {
        Iterator<? extends DomainEventMessage<?>> stream = events.readEvents(tariffId.value()).asStream().iterator();
        if (!stream.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = stream.next();
        if (!(first.getPayload() instanceof TariffCreated created)) {
            return null;
        }
        List<TariffVersion> versions = new ArrayList<>();
        long last = readVersions(stream, versions, first.getSequenceNumber());
        return new Kept(String.valueOf(first.getMetaData().get(TENANT)), new TariffState(tariffId, created.name(),
                created.utility(), created.currency(), created.zone(), created.createdAt(), List.copyOf(versions)),
                last);
    }

    /** Adds the versions published in {@code stream}; returns the sequence of its last event. */
    private static long readVersions(Iterator<? extends DomainEventMessage<?>> stream, List<TariffVersion> versions,
                                     long lastSequence) {
        long last = lastSequence;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            last = event.getSequenceNumber();
            if (event.getPayload() instanceof TariffVersionPublished published) {
                versions.add(published.version());
            }
        }
        return last;
    }
}
