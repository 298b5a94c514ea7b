package com.meterledger.tenantadmin.tenant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.PurgeTenantRecord;
import com.meterledger.api.tenant.TenantStatus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Purge after retention: once a day, every closed tenant whose {@code retain_until} has passed
 * ({@link RetentionRule}) is purged with {@link PurgeTenantRecord}, as the tenant itself (so every module's handler of
 * {@code TenantRecordPurged} deletes its own rows of it under row-level security), the actor
 * {@value #ACTOR}. A persistent db-scheduler task, run by one node at a time; a tenant that fails is tried again the
 * next day, and one purged already is not purged again.
 */
public class TenantRetention {
    private static final Logger log = LoggerFactory.getLogger(TenantRetention.class);
    static final String ACTOR = "platform-retention";

    private final JdbcClient jdbc;
    private final CommandGateway commands;

    public TenantRetention(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    private record Closed(String tenantId, TenantStatus status, Instant retainUntil, Instant purgedAt) {
    }

    /** @return the tenants purged now, on the clock's day */
    public List<TenantId> purgeDue(Clock clock) {
        Instant now = clock.instant();
        List<TenantId> purged = new ArrayList<>();
        List<Closed> closed = jdbc.sql("select tenant_id, status, retain_until, purged_at from closed_tenants()")
                .query((rs, row) -> new Closed(rs.getString("tenant_id"), TenantStatus.valueOf(rs.getString("status")),
                        instant(rs.getTimestamp("retain_until")), instant(rs.getTimestamp("purged_at"))))
                .list();
        for (Closed tenant : closed) {
            switch (RetentionRule.judge(tenant.status(), tenant.retainUntil(), tenant.purgedAt(), now)) {
                case RetentionRule.Keep keep -> log.debug("tenant {}: kept ({})", tenant.tenantId(), keep.reason());
                case RetentionRule.Purge ignored -> {
                    try {
                        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PurgeTenantRecord(
                                new TenantId(tenant.tenantId()), tenant.retainUntil())).andMetaData(Map.of(
                                MetadataKeys.TENANT, tenant.tenantId(), MetadataKeys.ACTOR, ACTOR,
                                MetadataKeys.ORIGIN, ACTOR)));
                        purged.add(new TenantId(tenant.tenantId()));
                    } catch (RuntimeException e) {
                        log.warn("tenant {}: its retention ended at {} but the purge failed ({}); tried again at the "
                                + "next run", tenant.tenantId(), tenant.retainUntil(), e.getMessage());
                    }
                }
            }
        }
        return purged;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        TenantRetention tenantRetention(JdbcClient jdbc, CommandGateway commands) {
            return new TenantRetention(jdbc, commands);
        }

        @Bean
        RecurringTask<Void> tenantRetentionPurge(TenantRetention retention,
                                                 @Value("${meterledger.tenants.purge-at:03:30}") LocalTime at) {
            return Tasks.recurring("tenant-retention-purge", Schedules.daily(ZoneOffset.UTC, at))
                    .execute((instance, context) -> {
                        List<TenantId> purged = retention.purgeDue(Clock.systemUTC());
                        if (!purged.isEmpty()) {
                            log.info("retention ended: purged {}", purged);
                        }
                    });
        }
    }
}
