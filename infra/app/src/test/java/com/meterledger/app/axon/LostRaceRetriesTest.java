package com.meterledger.app.axon;

import com.meterledger.api.error.RuleViolation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of a command are sent again (a lost race), and which are answered as they are. */
class LostRaceRetriesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LostRaceRetries retries = new LostRaceRetries(2, 0, registry);
    private final AtomicInteger dispatched = new AtomicInteger();

    @Test
    void aCommandThatLostOnTheAggregatesSequenceIsSentAgainAtOnce() {
        assertThat(retry(new ConcurrencyException("sequence 7 taken"), 1)).isTrue();
        assertThat(dispatched).hasValue(1);
        assertThat(registry.counter("meterledger.axon.commands.retried", "outcome", "retried").count()).isEqualTo(1);
    }

    @Test
    void aDeadlockOrSerializationFailureIsALostRaceToo() {
        assertThat(retry(new IllegalStateException(new SQLException("deadlock", "40P01")), 1)).isTrue();
        assertThat(retry(new IllegalStateException(new SQLException("serialization", "40001")), 1)).isTrue();
    }

    @Test
    void aRefusalOrATakenIdIsAnsweredNotRetried() {
        assertThat(retry(new RuleViolation("some-rule", "no"), 1)).isFalse();
        assertThat(retry(new AggregateStreamCreationException("id taken"), 1)).isFalse();
        assertThat(retry(new IllegalStateException(new SQLException("unique", "23505")), 1)).isFalse();
        assertThat(dispatched).hasValue(0);
    }

    @Test
    void afterTheLastRetryTheLossIsAnswered() {
        assertThat(retry(new ConcurrencyException("again"), 3)).isFalse();
        assertThat(dispatched).hasValue(0);
        assertThat(registry.counter("meterledger.axon.commands.retried", "outcome", "given-up").count()).isEqualTo(1);
    }

    @Test
    void aCommandSentInsideAnotherUnitOfWorkIsNotRetriedBecauseItsTransactionIsLost() {
        DefaultUnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("outer"));
        try {
            assertThat(retry(new ConcurrencyException("sequence 7 taken"), 1)).isFalse();
        } finally {
            outer.rollback();
        }
        assertThat(dispatched).hasValue(0);
    }

    private boolean retry(RuntimeException failure, int failuresSoFar) {
        List<Class<? extends Throwable>[]> history = new ArrayList<>();
        for (int i = 0; i < failuresSoFar; i++) {
            history.add(new Class[]{failure.getClass()});
        }
        return retries.scheduleRetry(GenericCommandMessage.asCommandMessage("a command"), failure, history,
                dispatched::incrementAndGet);
    }
}
