package com.meterledger.app.axon;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
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
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineTaskConfiguration {

    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context,
            @Value("${meterledger.deadlines.first-retry:1s}") Duration firstRetry) {
        return deadlineTask(() -> context.getBean(DbSchedulerDeadlineManager.class), firstRetry);
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
        Task<DbSchedulerBinaryDeadlineDetails> axon = DbSchedulerDeadlineManager.binaryTask(deadlineManager);
        return Tasks.oneTime(axon.getName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(firstRetry, 2.0))
                .execute((instance, execution) -> axon.execute(instance, execution));
    }
}
