package com.meterledger.query.audit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts a dead letter's failed handlings in its diagnostics, so that operators see how often a retry has failed
 * (Axon's queue keeps only the last cause and when it was last touched). Otherwise Axon's default: a failed event is
 * always parked, never dropped.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterAttempts {
    static final EnqueuePolicy<EventMessage<?>> POLICY = DeadLetterAttempts::decide;

    static EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        return Decisions.enqueue(cause, failed -> failed.diagnostics()
                .and(DeadLetterView.ATTEMPTS, DeadLetterView.attempts(failed) + 1));
    }

    @Bean
    ConfigurerModule deadLetterAttemptsPolicy() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultDeadLetterPolicy(config -> POLICY));
    }
}
