package com.meterledger.app.axon;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.core.supply.SupplyControl;
import com.meterledger.core.tariff.LastSequences;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC engine over the snake_case tables that Flyway makes
 * (see db/migration/V1__axon_store.sql), and pooled streaming processors whose segments several nodes share.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStoreConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** An append that loses on the event store's unique key is a clash Axon can name (see {@link EventStoreClashes}). */
    @Bean
    PersistenceExceptionResolver eventStoreClashes() {
        return new EventStoreClashes();
    }

    /**
     * Axon's command gateway, as its auto-configuration builds it, plus {@link LostRaceRetries}: a command that lost on
     * the event store's key to another node (or to a simultaneous twin) is sent again with its aggregates read afresh,
     * up to {@code meterledger.commands.lost-race-retries} times, instead of answering the caller 409.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, MeterRegistry registry,
                                  @Value("${meterledger.commands.lost-race-retries:5}") int retries,
                                  @Value("${meterledger.commands.lost-race-max-pause:50ms}") Duration maxPause) {
        return DefaultCommandGateway.builder().commandBus(commandBus)
                .retryScheduler(new LostRaceRetries(retries, maxPause.toMillis(), registry)).build();
    }

    /**
     * Axon's own engine (as its auto-configuration builds it) with a larger fetch: a processor that is behind, or
     * rebuilding, reads {@code batchSize} events per query, and so does an aggregate's or a replay's stream. A lost
     * append is judged by the stream that lost ({@link StreamClashJudge}). The gap
     * settings stay Axon's defaults: a gap is waited for, never skipped early (see DESIGN.md, gap detection).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          @Value("${meterledger.event-store.batch-size:1000}") int batchSize) {
        return new StreamClashJudge(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(batchSize));
    }

    /**
     * The newest sequence number of several aggregates in one query (the tariffs of a gateway's batch of readings):
     * one backward index probe of (aggregate, sequence) each.
     */
    @Bean
    LastSequences lastSequences(JdbcTemplate jdbc) {
        return ids -> {
            Map<String, Long> last = new HashMap<>();
            jdbc.query("""
                            select id, (select max(sequence_number) from domain_event_entry
                                        where aggregate_identifier = id)
                            from unnest(?::varchar[]) as id""",
                    row -> {
                        long sequence = row.getLong(2);
                        if (!row.wasNull()) {
                            last.put(row.getString(1), sequence);
                        }
                    }, (Object) ids.toArray(String[]::new));
            return last;
        };
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Spreads the pooled processors' segments over the live nodes (see {@link SegmentBalancer}). */
    @Bean
    SegmentBalancer segmentBalancer(JdbcTemplate jdbc, org.axonframework.config.Configuration configuration,
                                    @Value("${meterledger.processors.balance-interval:1s}") Duration interval,
                                    @Value("${meterledger.processors.node-timeout:3s}") Duration nodeTimeout,
                                    @Value("${meterledger.processors.claim-interval:1s}") Duration claimInterval) {
        // Axon's JDBC token store names a claim's owner so, unless configured otherwise
        String nodeId = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        return new SegmentBalancer(jdbc, configuration::eventProcessingConfiguration, nodeId, interval, nodeTimeout,
                claimInterval.multipliedBy(3));
    }

    /** The supply-control process handles an event again when its decision lost a race ({@link LostRaceRedelivery}). */
    @Bean
    ConfigurerModule supplyControlRedelivery() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                SupplyControl.PROCESSING_GROUP, config -> new LostRaceRedelivery()));
    }

    /** Tenant and actor travel from the edge to every message a message causes. */
    @Bean
    CorrelationDataProvider tenantAndActorCorrelation() {
        return new SimpleCorrelationDataProvider(MetadataKeys.TENANT, MetadataKeys.ACTOR, MetadataKeys.ORIGIN);
    }

    /**
     * Correlation (traceId: the first message of a chain) and causation (correlationId: the message that caused
     * this one) for the audit trail. Axon registers this provider only when no other exists, so name it here.
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Every pooled processor looks for unclaimed segments and extends its claims every {@code claim-interval} (Axon's
     * default is 5 s each): with {@code axon.eventhandling.tokenstore.claim-timeout} at 4 s, a dead node's segments are
     * taken over within about 5 s (issue 19 measured 12-14 s with Axon's defaults).
     * <p>
     * Every pooled processor reads the store through a {@link PacedEventSource} that follows the processor's own
     * segments and is woken by {@link EventArrivals} (the {@code woken-by-timer-only} ones by its timer alone); the
     * coordinator's executor is where a processor's builder learns its name.
     */
    @Bean
    ConfigurerModule pooledStreamingProcessors(@Value("${meterledger.processors.segments:2}") int segments,
                                               @Value("${meterledger.processors.batch-size:250}") int batchSize,
                                               @Value("${meterledger.processors.coordinator-lead:960}") int lead,
                                               @Value("${meterledger.processors.idle-poll:500ms}") Duration idlePoll,
                                               @Value("${meterledger.processors.woken-by-timer-only:}")
                                               Set<String> wokenByTimerOnly,
                                               @Value("${meterledger.processors.claim-interval:1s}")
                                               Duration claimInterval) {
        return configurer -> {
            EventArrivals arrivals = new EventArrivals(idlePoll);
            configurer.onInitialize(config -> config.onShutdown(arrivals::close));
            configurer.eventProcessing(processing -> processing.usingPooledStreamingEventProcessors(
                    (config, builder) -> {
                        arrivals.listenTo(config.eventStore());
                        PacedEventSource events = new PacedEventSource(config.eventStore(), lead, arrivals);
                        return builder.initialSegmentCount(segments).batchSize(batchSize).messageSource(events)
                                .tokenClaimInterval(claimInterval.toMillis())
                                .claimExtensionThreshold(claimInterval.toMillis())
                                .coordinatorExecutor(name -> {
                                    if (wokenByTimerOnly.contains(name)) {
                                        events.wakeByTimerOnly();
                                    }
                                    events.follow(() -> config.eventProcessingConfiguration()
                                            .eventProcessor(name, StreamingEventProcessor.class)
                                            .map(StreamingEventProcessor::processingStatus).orElse(Map.of()));
                                    ScheduledExecutorService coordinator = Executors.newScheduledThreadPool(1,
                                            new AxonThreadFactory("Coordinator[" + name + "]"));
                                    config.onShutdown(coordinator::shutdown);
                                    return coordinator;
                                });
                    }));
        };
    }
}
