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
import java.util.Currency;
import java.util.Iterator;
import java.util.List;

import static com.meterledger.api.shared.MetadataKeys.TENANT;

/**
 * Reads a tariff straight from its events in the event store: always current (no projection lag), and the same
 * history the aggregate is built from. A tariff of another tenant reads exactly like an unknown id.
 */
public class TariffReader {
    private final EventStore events;

    public TariffReader(EventStore events) {
        this.events = events;
    }

    /** A tariff with all its published versions, oldest first. */
    public record TariffState(TariffId tariffId, String name, Utility utility, Currency currency, java.time.ZoneId zone,
                              Instant createdAt, List<TariffVersion> versions) {
        public TariffTimeline timeline() {
            return new TariffTimeline(zone, versions);
        }
    }

    public TariffState read(TenantId tenant, TariffId tariffId) {
        Iterator<? extends DomainEventMessage<?>> stream = events.readEvents(tariffId.value()).asStream().iterator();
        if (!stream.hasNext()) {
            throw new NotFound("tariff", tariffId);
        }
        DomainEventMessage<?> first = stream.next();
        if (!(first.getPayload() instanceof TariffCreated created)
                || !tenant.value().equals(first.getMetaData().get(TENANT))) {
            throw new NotFound("tariff", tariffId);
        }
        List<TariffVersion> versions = new ArrayList<>();
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof TariffVersionPublished published) {
                versions.add(published.version());
            }
        }
        return new TariffState(tariffId, created.name(), created.utility(), created.currency(), created.zone(),
                created.createdAt(), versions);
    }
}
