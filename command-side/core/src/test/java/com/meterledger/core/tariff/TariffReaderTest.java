package com.meterledger.core.tariff;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.meterledger.api.tariff.TariffCreated;
import com.meterledger.api.tariff.TariffId;
import com.meterledger.api.tariff.TariffSchedule;
import com.meterledger.api.tariff.TariffVersion;
import com.meterledger.api.tariff.TariffVersionPublished;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tariff reader keeps tariffs between readings, but always answers what the event store holds now. */
class TariffReaderTest {
    private static final TariffId ID = new TariffId("t-1");
    private static final TenantId TENANT_A = new TenantId("tenant-a");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The store, counting the event streams read from it (a kept tariff must not be read again). */
    private final CountingEngine engine = new CountingEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    /** The look-ups of last sequences asked of the store, one list of tariffs per look-up. */
    private final List<List<String>> lookUps = new ArrayList<>();
    private final TariffReader reader = new TariffReader(store, ids -> {
        lookUps.add(List.copyOf(ids));
        Map<String, Long> last = new HashMap<>();
        ids.forEach(id -> engine.lastSequenceOf(id).ifPresent(sequence -> last.put(id, sequence)));
        return last;
    });

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void anUnchangedTariffIsReadFromTheStoreOnceAndThenKept() {
        append(0, new TariffCreated(ID, "Flat", Utility.ELECTRICITY, Currency.getInstance("EUR"), ZoneId.of("UTC"), T0));
        append(1, published(1, "20"));

        TariffReader.TariffState first = reader.read(TENANT_A, ID);
        TariffReader.TariffState second = reader.read(TENANT_A, ID);

        assertThat(second).isSameAs(first);
        assertThat(second.versions()).extracting(TariffVersion::schedule)
                .containsExactly(new TariffSchedule.Flat(new BigDecimal("20")));
        assertThat(engine.streamsRead).isEqualTo(1);
    }

    @Test
    void aVersionPublishedElsewhereIsSeenAtTheNextRead() {
        append(0, new TariffCreated(ID, "Flat", Utility.ELECTRICITY, Currency.getInstance("EUR"), ZoneId.of("UTC"), T0));
        append(1, published(1, "20"));
        reader.read(TENANT_A, ID);

        append(2, published(2, "25"));            // as another node would: straight into the shared store

        assertThat(reader.read(TENANT_A, ID).versions()).extracting(TariffVersion::schedule).containsExactly(
                new TariffSchedule.Flat(new BigDecimal("20")), new TariffSchedule.Flat(new BigDecimal("25")));
    }

    @Test
    void tariffsConfirmedForAUnitOfWorkTakeOneLookUpAndNoneOfTheirOwn() {
        append(0, new TariffCreated(ID, "Flat", Utility.ELECTRICITY, Currency.getInstance("EUR"), ZoneId.of("UTC"), T0));
        append(1, published(1, "20"));
        reader.read(TENANT_A, ID);
        engine.lastSequenceLookUps = 0;

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            reader.confirm(List.of(ID, new TariffId("t-2")));
            reader.read(TENANT_A, ID);
            reader.read(TENANT_A, ID);
        });

        assertThat(lookUps).containsExactly(List.of(ID.value(), "t-2"));
        assertThat(engine.lastSequenceLookUps).isZero();
    }

    @Test
    void aVersionPublishedBeforeTheConfirmationIsPricedWith() {
        append(0, new TariffCreated(ID, "Flat", Utility.ELECTRICITY, Currency.getInstance("EUR"), ZoneId.of("UTC"), T0));
        append(1, published(1, "20"));
        reader.read(TENANT_A, ID);
        append(2, published(2, "25"));            // another node publishes a version

        List<TariffVersion> versions = new ArrayList<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            reader.confirm(List.of(ID));
            versions.addAll(reader.read(TENANT_A, ID).versions());
        });

        assertThat(versions).extracting(TariffVersion::schedule).containsExactly(
                new TariffSchedule.Flat(new BigDecimal("20")), new TariffSchedule.Flat(new BigDecimal("25")));
    }

    @Test
    void aKeptTariffOfAnotherTenantReadsLikeAnUnknownId() {
        append(0, new TariffCreated(ID, "Flat", Utility.ELECTRICITY, Currency.getInstance("EUR"), ZoneId.of("UTC"), T0));
        reader.read(TENANT_A, ID);

        assertThatThrownBy(() -> reader.read(new TenantId("tenant-b"), ID)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> reader.read(TENANT_A, new TariffId("t-unknown"))).isInstanceOf(NotFound.class);
    }

    private static TariffVersionPublished published(int number, String price) {
        return new TariffVersionPublished(ID, number, new TariffVersion(T0.plusSeconds(number),
                new TariffSchedule.Flat(new BigDecimal(price)), BigDecimal.ZERO), T0.plusSeconds(number));
    }

    private void append(long sequence, Object payload) {
        store.publish(new GenericDomainEventMessage<>("Tariff", ID.value(), sequence, payload,
                MetaData.with(TENANT, TENANT_A.value())));
    }

    private static final class CountingEngine extends InMemoryEventStorageEngine {
        int streamsRead;
        int lastSequenceLookUps;

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            streamsRead++;
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        /** The JDBC engine answers this with one index lookup: not a stream read. */
        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            lastSequenceLookUps++;
            return lastSequenceOf(aggregateIdentifier);
        }

        Optional<Long> lastSequenceOf(String aggregateIdentifier) {
            return super.readEvents(aggregateIdentifier, 0).asStream().map(DomainEventMessage::getSequenceNumber)
                    .reduce((earlier, later) -> later);
        }
    }
}
