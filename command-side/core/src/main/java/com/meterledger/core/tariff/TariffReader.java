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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.Iterator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * <p>
 * A unit of work that prices many readings confirms all their tariffs up front with one look-up ({@link #confirm});
 * within it, a confirmed tariff needs no look-up of its own.
 */
public class TariffReader {
    private static final int KEPT = 10_000;

    private static final String CONFIRMED = TariffReader.class.getName() + ".confirmed";

    private final EventStore events;
    private final LastSequences lastSequences;
    private final Map<TariffId, Kept> kept = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TariffId, Kept> eldest) {
            return size() > KEPT;
        }
    });

    public TariffReader(EventStore events, LastSequences lastSequences) {
        this.events = events;
        this.lastSequences = lastSequences;
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

    /**
     * Looks up the newest sequence numbers of these tariffs in one go, for the rest of the current unit of work: a kept
     * tariff found unchanged is then used as it is, one that changed is brought up to date when read. Outside a unit
     * of work this does nothing.
     */
    public void confirm(Collection<TariffId> tariffIds) {
        if (!CurrentUnitOfWork.isStarted() || tariffIds.isEmpty()) {
            return;
        }
        Map<String, Long> last = lastSequences.of(tariffIds.stream().map(TariffId::value).distinct().toList());
        Map<TariffId, Long> confirmed = CurrentUnitOfWork.get().root().getOrComputeResource(CONFIRMED,
                key -> new HashMap<>());
        tariffIds.forEach(id -> confirmed.put(id, last.getOrDefault(id.value(), -1L)));
    }

    private Kept upToDate(Kept known, TariffId tariffId) {
        long last = confirmedInThisUnitOfWork(tariffId)
                .orElseGet(() -> events.lastSequenceNumberFor(tariffId.value()).orElse(-1L));
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

    private static Optional<Long> confirmedInThisUnitOfWork(TariffId tariffId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        Map<TariffId, Long> confirmed = CurrentUnitOfWork.get().root().getResource(CONFIRMED);
        return confirmed == null ? Optional.empty() : Optional.ofNullable(confirmed.get(tariffId));
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
