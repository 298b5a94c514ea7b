package com.meterledger.query.account;

import com.meterledger.api.meter.ReadingRecorded;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which events of account-projection must be handled in order, relative to each other. By default Axon orders per
 * aggregate, and segments of a pooled processor handle different aggregates in parallel. A reading, though, is an
 * event of the <em>meter</em> that updates the <em>account</em>'s row: handled in another segment, it could run before
 * (or concurrently with) the account's {@code AccountOpened} and find no row to update. That happens whenever the
 * projection works through a backlog, and always in a rebuild (found by the rebuild test: rebuilt rows showed the
 * opening register instead of the latest reading). So a reading attributed to an account is sequenced with that
 * account's events; everything else stays per aggregate.
 * <p>
 * Known remaining cross-aggregate updates: supply events (meter aggregate) update the account row by meter id. They
 * come long after the account's opening in every real history, so they are left per meter.
 */
@Configuration(proxyBeanMethods = false)
public class AccountProjectionSequencing {

    /** Asks the payload type first: the processor's coordinator thread applies this to every event of the store. */
    static final SequencingPolicy<EventMessage<?>> POLICY = event -> {
        if (ReadingRecorded.class.equals(event.getPayloadType())
                && event.getPayload() instanceof ReadingRecorded reading && reading.accountId() != null) {
            return reading.accountId().value();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    };

    @Bean
    ConfigurerModule accountProjectionSequencingPolicy() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSequencingPolicy(AccountProjection.PROCESSING_GROUP, config -> POLICY));
    }
}
