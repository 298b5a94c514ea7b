package com.meterledger.gateway.notification.retention;

import com.meterledger.api.tenant.TenantRecordPurged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purge after retention: a closed tenant whose retention period ended loses its rows in the notifications adapter.
 * The event is handled as the tenant (row-level security confines every delete to its rows), in the processor
 * {@code tenant-purge} that every module's purge joins; a failure is tried again, and deleting twice deletes
 * nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantNotifications {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantNotifications.class);
    private final JdbcClient jdbc;

    public PurgedTenantNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        int rows = 0;
        rows += jdbc.sql("delete from notification_log where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from notification_account where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from occupant_contact where tenant_id = ?").param(tenant).update();
        log.info("tenant {} purged: {} rows of the notifications adapter deleted", tenant, rows);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantNotifications purgedTenantNotifications(JdbcClient jdbc) {
            return new PurgedTenantNotifications(jdbc);
        }
    }
}
