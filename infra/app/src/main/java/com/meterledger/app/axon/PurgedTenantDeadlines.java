package com.meterledger.app.axon;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.task.Task;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.tenant.TenantRecordPurged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Purge after retention, in Axon's operational tables this application owns: a closed tenant whose retention period
 * ended loses its pending deadlines (db-scheduler rows of Axon's deadline task, whose metadata names the tenant) and
 * its dead letters (events parked by a projection, matched on their {@code tenantId} metadata). Neither is part of the
 * financial record the retention keeps. Deadlines are judged by their deserialized metadata, not by a byte search, so
 * tenant {@code a} never takes tenant {@code ab}'s; every pending deadline is read once per purge (a rare job). Part
 * of the processor {@code tenant-purge}; purging twice removes nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantDeadlines {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantDeadlines.class);
    private final JdbcClient jdbc;
    private final Supplier<SchedulerClient> scheduler;
    private final String deadlineTask;
    private final Supplier<Serializer> serializer;

    public PurgedTenantDeadlines(JdbcClient jdbc, Supplier<SchedulerClient> scheduler, String deadlineTask,
                                 Supplier<Serializer> serializer) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.deadlineTask = deadlineTask;
        this.serializer = serializer;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        List<ScheduledExecution<DbSchedulerBinaryDeadlineDetails>> theirs = new ArrayList<>();
        scheduler.get().fetchScheduledExecutionsForTask(deadlineTask, DbSchedulerBinaryDeadlineDetails.class,
                execution -> {
                    if (tenant.equals(tenantOf(execution.getData()))) {
                        theirs.add(execution);
                    }
                });
        theirs.forEach(execution -> scheduler.get().cancel(execution.getTaskInstance()));
        int deadLetters = jdbc.sql("""
                        delete from dead_letter_entry
                        where convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = ?""")
                .param(tenant).update();
        log.info("tenant {} purged: {} pending deadlines cancelled and {} dead letters deleted", tenant, theirs.size(),
                deadLetters);
    }

    private Object tenantOf(DbSchedulerBinaryDeadlineDetails details) {
        try {
            return details.asDeadLineMessage(serializer.get()).getMetaData().get(MetadataKeys.TENANT);
        } catch (RuntimeException unreadable) {
            // a deadline whose message cannot be read is no tenant's to purge; it stays for its own handling
            log.debug("deadline {} unreadable: {}", details.getD(), unreadable.toString());
            return null;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantDeadlines purgedTenantDeadlines(JdbcClient jdbc, ApplicationContext context,
                @Qualifier("deadlineDetailsTask") Task<DbSchedulerBinaryDeadlineDetails> deadlineTask) {
            // looked up when a purge runs: the scheduler and Axon's configuration start after the processors' beans
            return new PurgedTenantDeadlines(jdbc, () -> context.getBean(SchedulerClient.class), deadlineTask.getName(),
                    () -> context.getBean(org.axonframework.config.Configuration.class).serializer());
        }
    }
}
