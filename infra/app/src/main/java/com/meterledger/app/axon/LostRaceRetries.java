package com.meterledger.app.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A command that lost a race is sent again, at once and on the caller's own thread, with its aggregates read afresh.
 * <p>
 * With several nodes each node caches the aggregates it loaded, so the node that did not take an aggregate's last
 * command holds it one version behind; its next command on that aggregate loses on the event store's (aggregate,
 * sequence) key ({@link ConcurrencyException}, through {@link EventStoreClashes}), and so does the second of two nodes
 * that take the same aggregate at the same moment. The losing unit of work rolls back and evicts what it loaded from
 * the cache, so the next attempt replays the winner's events and decides on them: a repeated top-up or reading is
 * then answered as the duplicate it is. Measured in issue 19 with two nodes behind a round-robin client, before this
 * retry: 46 of 318 sequential readings of one meter and 664 simultaneous duplicates lost such a race. A deadlock or
 * serialization failure (SQL states 40P01, 40001) is the same kind of loss and retried alike.
 * <p>
 * Nothing else is retried: a refusal by the domain would be refused again, and an id that is taken stays taken
 * ({@link AggregateStreamCreationException}). The retry runs on the dispatching thread, so the caller's identity and
 * tenant binding are the first attempt's; it is skipped when the command ran inside an outer unit of work or
 * transaction, which the loss has already doomed (its caller answers or retries as before).
 */
public final class LostRaceRetries implements RetryScheduler {
    private static final Logger log = LoggerFactory.getLogger(LostRaceRetries.class);
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01");

    private final int maxRetries;
    private final long maxPauseMillis;
    private final Counter retried;
    private final Counter givenUp;

    public LostRaceRetries(int maxRetries, long maxPauseMillis, MeterRegistry registry) {
        if (maxRetries < 0 || maxPauseMillis < 0) {
            throw new IllegalArgumentException("retries and pause must not be negative");
        }
        this.maxRetries = maxRetries;
        this.maxPauseMillis = maxPauseMillis;
        this.retried = registry.counter("meterledger.axon.commands.retried", "outcome", "retried");
        this.givenUp = registry.counter("meterledger.axon.commands.retried", "outcome", "given-up");
    }

    @Override
    @SuppressWarnings("rawtypes") // Axon declares the raw type
    public boolean scheduleRetry(CommandMessage command, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!lostARace(lastFailure) || insideOuterWork()) {
            return false;
        }
        if (failures.size() > maxRetries) {
            givenUp.increment();
            log.info("{} lost a race {} times; answering the last loss: {}", command.getCommandName(),
                    failures.size(), lastFailure.toString());
            return false;
        }
        retried.increment();
        log.debug("{} lost a race (attempt {}), sending it again: {}", command.getCommandName(), failures.size(),
                lastFailure.toString());
        pause(failures.size());
        dispatchTask.run();
        return true;
    }

    /** A loss to another writer of the same rows, which a fresh attempt can win; never a refusal or a taken id. */
    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return false;
            }
            if (cause instanceof ConcurrencyException) {
                return true;
            }
            if (cause instanceof SQLException sql && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean insideOuterWork() {
        return CurrentUnitOfWork.isStarted() || TransactionSynchronizationManager.isActualTransactionActive();
    }

    /** A short random pause, growing with the attempts, so that two nodes racing again do not clash again in step. */
    private void pause(int attempt) {
        if (maxPauseMillis == 0) {
            return;
        }
        long bound = Math.min(maxPauseMillis, 5L * attempt * attempt) + 1;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
