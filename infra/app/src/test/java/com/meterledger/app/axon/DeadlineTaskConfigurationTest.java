package com.meterledger.app.axon;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** Issue 19: a supply time-out whose handler failed once waited five minutes (db-scheduler's default) for its retry. */
class DeadlineTaskConfigurationTest {
    private static final Instant FAILED_AT = Instant.parse("2026-01-05T12:00:30Z");

    private final Task<DbSchedulerBinaryDeadlineDetails> task =
            DeadlineTaskConfiguration.deadlineTask(() -> null, Duration.ofSeconds(1));

    @Test
    void itRunsTheDeadlinesAxonStoresUnderAxonsTaskName() {
        Supplier<DbSchedulerDeadlineManager> none = () -> null;
        assertThat(task.getName()).isEqualTo(DbSchedulerDeadlineManager.binaryTask(none).getName());
    }

    @Test
    void aDeadlineThatFailedIsTriedAgainASecondLaterNotMinutes() {
        assertThat(retryAfterFailureNumber(1)).isEqualTo(FAILED_AT.plusSeconds(1));
    }

    @Test
    void aDeadlineThatKeepsFailingBacksOffByDoubling() {
        assertThat(retryAfterFailureNumber(4)).isEqualTo(FAILED_AT.plusSeconds(8));
    }

    @Test
    void givenAStaleCachedAggregateWhenItsDeadlineIsAboutToRunThenItIsEvictedSoTheDeadlineSeesTheStoredState() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        Cache cache = new WeakReferenceCache();
        Object stale = new Object();
        cache.put("m-1", stale);
        cache.put("m-2", stale);
        SerializedObject<byte[]> scope = serializer.serialize(new AggregateScopeDescriptor("Meter", "m-1"), byte[].class);
        DbSchedulerBinaryDeadlineDetails details = new DbSchedulerBinaryDeadlineDetails("supply-acknowledgement",
                scope.getData(), scope.getType().getName(), new byte[0], "java.lang.String", null, new byte[0]);

        DeadlineTaskConfiguration.evictAggregateOf(details, serializer, cache);

        assertThat(cache.containsKey("m-1")).isFalse();
        assertThat(cache.containsKey("m-2")).as("other aggregates stay cached").isTrue();
    }

    @SuppressWarnings("unchecked")
    private Instant retryAfterFailureNumber(int failure) {
        Execution execution = new Execution(FAILED_AT.minusSeconds(30), task.instance("deadline-1"), true, "node-1",
                null, failure > 1 ? FAILED_AT.minusSeconds(1) : null, failure - 1, FAILED_AT, 1);
        ExecutionComplete failed = ExecutionComplete.failure(execution, FAILED_AT.minusMillis(5), FAILED_AT,
                new IllegalStateException("the meter's lock was held"));
        ExecutionOperations<DbSchedulerBinaryDeadlineDetails> operations = mock(ExecutionOperations.class);
        task.getFailureHandler().onFailure(failed, operations);
        ArgumentCaptor<Instant> next = ArgumentCaptor.forClass(Instant.class);
        verify(operations).reschedule(eq(failed), next.capture());
        return next.getValue();
    }
}
