package com.meterledger.core.meter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.meterledger.api.meter.ReadingRecorded;
import com.meterledger.api.supply.AcknowledgementOutcome;
import com.meterledger.api.supply.ConfirmSupplyCommand;
import com.meterledger.api.supply.MeterProtectionChanged;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandConfirmed;
import com.meterledger.api.supply.SupplyCommandId;
import com.meterledger.api.supply.SupplyCommandTimedOut;
import com.meterledger.api.supply.SupplyDecision;
import com.meterledger.api.supply.SupplyDecisionRecorded;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import com.meterledger.core.supply.SupplyRelay;
import com.meterledger.core.supply.SupplyTiming;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static com.meterledger.core.meter.SupplyFixtures.ACCOUNT;
import static com.meterledger.core.meter.SupplyFixtures.CUT;
import static com.meterledger.core.meter.SupplyFixtures.META;
import static com.meterledger.core.meter.SupplyFixtures.METER;
import static com.meterledger.core.meter.SupplyFixtures.RESTORE;
import static com.meterledger.core.meter.SupplyFixtures.attached;
import static com.meterledger.core.meter.SupplyFixtures.decided;
import static com.meterledger.core.meter.SupplyFixtures.issued;
import static com.meterledger.core.meter.SupplyFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meters are snapshotted (every 250 events, {@code meterSnapshotTrigger}) with the general Jackson serializer, and a
 * stored snapshot is read back by whatever version of {@link Meter} the node runs. This is the snapshot of a meter
 * whose operator restore was abandoned unanswered and whose new cut is pending, taken as the application takes it
 * (Axon's event-sourced aggregate over the meter's events, Spring Boot's ObjectMapper settings) and compared with the
 * JSON such a snapshot had when it was first stored: a change of its shape would make older snapshots read back as a
 * meter that forgot its pending command.
 */
class MeterSnapshotTest {
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(Jackson2ObjectMapperBuilder.json()
                    .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
                            SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    .build())
            .build();

    private static final SupplyCommandId EARLIER_CUT = new SupplyCommandId("cut-0");

    /** The snapshot of {@link #restoreAbandonedAndCutPending()} in the shape meters' snapshots are stored in. */
    private static final String STORED = """
            {"identifier": "m-1", "meterId": {"value": "m-1"}, "tenantId": "tenant-a", "utility": "ELECTRICITY",
             "lastReadAt": "2026-01-05T11:00:00Z", "lastRegister": 12.5, "lastRegisters": {},
             "accountId": {"value": "a-1"},
             "recent": [{"readAt": "2026-01-05T11:00:00Z", "value": 12.5}, {"readAt": "2026-01-01T00:00:00Z", "value": 0}],
             "supplyOn": false, "supplyInDoubt": true, "protectedSupply": true, "decisions": 3,
             "operatorDecision": null, "lastConfirmed": {"value": "cut-0"}, "depleted": true,
             "depletedAccount": {"value": "a-1"},
             "pending": {"commandId": {"value": "cut-1"}, "action": "CUT", "rule": "balance-at-cut-off", "attempt": 1},
             "declaredRollover": null, "decommissioned": false}""";

    @Test
    void aMeterWithAPendingCommandInDoubtSnapshotsToTheShapeStoredBefore() {
        Meter meter = sourced(restoreAbandonedAndCutPending());

        assertThat(tree(serializer.serialize(meter, byte[].class))).isEqualTo(tree(stored()));
    }

    @Test
    void aStoredSnapshotRestoresTheMeterWithItsCommandPendingAndItsRelayInDoubt() {
        Meter restored = serializer.deserialize(stored());

        assertThat(tree(serializer.serialize(restored, byte[].class))).isEqualTo(tree(stored()));
        assertThat(handled(restored, new ConfirmSupplyCommand(METER, RESTORE, true, null)))
                .as("the abandoned restore's late answer").isEqualTo(new Handled(
                        AcknowledgementOutcome.Status.IGNORED, List.of()));
        assertThat(handled(restored, new ConfirmSupplyCommand(METER, CUT, true, null)))
                .as("the pending cut's answer").isEqualTo(new Handled(AcknowledgementOutcome.Status.RECORDED,
                        List.of(new SupplyCommandConfirmed(METER, CUT, SupplyAction.CUT))));
    }

    private SerializedObject<byte[]> stored() {
        return new SimpleSerializedObject<>(STORED.getBytes(StandardCharsets.UTF_8), byte[].class,
                new SimpleSerializedType(Meter.class.getName(), null));
    }

    private JsonNode tree(SerializedObject<byte[]> json) {
        try {
            return serializer.getObjectMapper().readTree(json.getData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Handled(AcknowledgementOutcome.Status status, List<Object> events) {
    }

    /** A gateway's acknowledgement handled by the restored meter as the repository would, after loading it. */
    private static Handled handled(Meter meter, ConfirmSupplyCommand acknowledgement) {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        List<Object> events = new ArrayList<>();
        bus.subscribe(published -> published.forEach(event -> events.add(event.getPayload())));
        AggregateModel<Meter> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Meter.class,
                MultiParameterResolverFactory.ordered(ClasspathParameterResolverFactory.forClass(Meter.class),
                        new SimpleResourceParameterResolverFactory(List.of(new SupplyTiming(Duration.ofSeconds(30), 3),
                                new StubDeadlineManager()))));
        EventSourcedAggregate<Meter> aggregate = EventSourcedAggregate.initialize(meter, model, bus,
                NoSnapshotTriggerDefinition.TRIGGER);
        CommandMessage<ConfirmSupplyCommand> command = GenericCommandMessage.<ConfirmSupplyCommand>asCommandMessage(
                acknowledgement).andMetaData(META);
        AcknowledgementOutcome outcome = (AcknowledgementOutcome) DefaultUnitOfWork.startAndGet(command)
                .executeWithResult(() -> aggregate.handle(command)).getPayload();
        return new Handled(outcome.status(), events);
    }

    private static Meter sourced(List<Object> events) {
        EventSourcedAggregate<Meter> aggregate = EventSourcedAggregate.initialize(new Meter(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Meter.class), null, NoSnapshotTriggerDefinition.TRIGGER);
        AtomicLong sequence = new AtomicLong();
        aggregate.initializeState(DomainEventStream.of(events.stream()
                .map(event -> new GenericDomainEventMessage<>("Meter", METER.value(), sequence.getAndIncrement(),
                        event, MetaData.from(META)))));
        return aggregate.getAggregateRoot();
    }

    /**
     * Read once and cut (confirmed); an operator's restore abandoned after two unanswered attempts (the relay in
     * doubt); depleted again and a new cut issued, not yet answered; then protected from cuts.
     */
    private static List<Object> restoreAbandonedAndCutPending() {
        return List.of(payload(registered()), attached(),
                new ReadingRecorded(METER, ACCOUNT, Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-05T11:00:00Z"), new BigDecimal("12.5"), new BigDecimal("12.5"),
                        new TreeMap<>(), new TreeMap<>()),
                decided(SupplyDecision.CUT, "balance-at-cut-off"), issued(EARLIER_CUT, SupplyAction.CUT, 1),
                new SupplyCommandConfirmed(METER, EARLIER_CUT, SupplyAction.CUT),
                new SupplyDecisionRecorded(METER, ACCOUNT, SupplyDecision.RESTORE, SupplyRelay.OPERATOR, "occupant in hospital"),
                issued(RESTORE, SupplyAction.RESTORE, 1),
                new SupplyCommandTimedOut(METER, RESTORE, SupplyAction.RESTORE, 1, true),
                issued(RESTORE, SupplyAction.RESTORE, 2),
                new SupplyCommandTimedOut(METER, RESTORE, SupplyAction.RESTORE, 2, false),
                decided(SupplyDecision.CUT, "balance-at-cut-off"), issued(CUT, SupplyAction.CUT, 1),
                new MeterProtectionChanged(METER, true, "medical equipment"));
    }

    private static Object payload(Object event) {
        return ((EventMessage<?>) event).getPayload();
    }
}
