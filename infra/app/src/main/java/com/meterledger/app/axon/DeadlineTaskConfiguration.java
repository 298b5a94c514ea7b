package com.meterledger.app.axon;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.axonframework.common.caching.Cache;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Axon's persistent deadlines (supply acknowledgement time-outs, friendly-window ends): the db-scheduler task that
 * runs them, and the correlation of what they cause.
 * <p>
 * The task replaces the one Axon's auto-configuration builds, which keeps db-scheduler's default for a one-time task
 * that throws: try again five minutes later. A deadline handler fails for passing reasons (the meter's lock held by a
 * long unit of work, a transient database error), so a 30-second acknowledgement time-out stayed on attempt 1 for
 * minutes (issue 19). Here a failed deadline is tried again after {@code meterledger.deadlines.first-retry} (default
 * 1 s), doubling on each consecutive failure, so a lasting fault backs off without flooding the scheduler.
 * <p>
 * A deadline runs on whichever node's scheduler picks it, and that node's cached aggregate may be behind: in the
 * two-node run a CUT taken by node 2 just before its {@code kill -9} had its acknowledgement time-out fire on node 1,
 * whose cached {@code Meter} did not know the command, so the handler found nothing pending, stored nothing (no
 * sequence clash to notice) and the time-out was gone. The aggregate a deadline is for is therefore evicted from this
 * node's cache before the deadline runs: one load from the store per deadline (time-outs and window ends, not a hot
 * path).
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineTaskConfiguration {

    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context,
            @Value("${meterledger.deadlines.first-retry:1s}") Duration firstRetry) {
        return deadlineTask(() -> context.getBean(DbSchedulerDeadlineManager.class), firstRetry,
                details -> evictAggregateOf(details,
                        context.getBean(org.axonframework.config.Configuration.class).serializer(),
                        context.getBean("aggregateCache", Cache.class)));
    }

    private static final Logger log = LoggerFactory.getLogger(DeadlineTaskConfiguration.class);

    /** Removes the aggregate the deadline is for from this node's cache, so the deadline sees the stored state. */
    static void evictAggregateOf(DbSchedulerBinaryDeadlineDetails details, Serializer serializer, Cache cache) {
        try {
            if (details.getDeserializedScopeDescriptor(serializer) instanceof AggregateScopeDescriptor aggregate) {
                cache.remove(String.valueOf(aggregate.getIdentifier()));
            }
        } catch (RuntimeException e) {
            // the deadline still runs; at worst on a cached copy, as before
            log.debug("could not read the scope of deadline {}: {}", details.getD(), e.toString());
        }
    }

    /**
     * What a deadline causes carries the tenant, actor and origin of the message that scheduled it, as every other
     * message does. Axon's auto-configured deadline manager has no correlation interceptor, so the events of a
     * supply time-out and its retry were stored with empty metadata: every read model under row-level security, and
     * the downlink that sends the retry to the gateway, skipped them, and a timed-out command stayed pending on
     * attempt 1 for as long as anyone looked (issue 19).
     */
    @Bean
    static BeanPostProcessor deadlinesCarryCorrelation(ObjectProvider<CorrelationDataProvider> providers) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DeadlineManager deadlines) {
                    deadlines.registerHandlerInterceptor(
                            new CorrelationDataInterceptor<>(providers.orderedStream().toList()));
                }
                return bean;
            }
        };
    }

    /** Axon's execution of the deadline, under a failure handler that retries soon. */
    static Task<DbSchedulerBinaryDeadlineDetails> deadlineTask(
            Supplier<DbSchedulerDeadlineManager> deadlineManager, Duration firstRetry) {
        return deadlineTask(deadlineManager, firstRetry, details -> {
        });
    }

    /** The same, with {@code beforeEach} run on the deadline's details before Axon executes it. */
    static Task<DbSchedulerBinaryDeadlineDetails> deadlineTask(
            Supplier<DbSchedulerDeadlineManager> deadlineManager, Duration firstRetry,
            Consumer<DbSchedulerBinaryDeadlineDetails> beforeEach) {
        Task<DbSchedulerBinaryDeadlineDetails> axon = DbSchedulerDeadlineManager.binaryTask(deadlineManager);
        return Tasks.oneTime(axon.getName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(firstRetry, 2.0))
                .execute((instance, execution) -> {
                    beforeEach.accept(instance.getData());
                    axon.execute(instance, execution);
                });
    }
}
