package com.meterledger.app.axon;

import com.meterledger.api.tenant.TenantRecordPurged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purge after retention, in the event store this application owns: a closed tenant whose retention period ended loses
 * its events (and its aggregates' snapshots), all but the tenant's own stream, which holds no person's data and keeps
 * its id taken and the record of when it closed and was purged. The store is not under row-level security, so the
 * tenant is matched on the {@code tenantId} metadata every event carries. Part of the processor {@code tenant-purge};
 * deleting twice deletes nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantEvents {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantEvents.class);
    private final JdbcClient jdbc;

    public PurgedTenantEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        int snapshots = jdbc.sql("""
                        delete from snapshot_event_entry where aggregate_identifier in (
                            select e.aggregate_identifier from domain_event_entry e
                            where convert_from(e.meta_data, 'UTF8')::jsonb ->> 'tenantId' = ?
                              and e.aggregate_identifier <> ?)""")
                .params(tenant, tenant).update();
        int events = jdbc.sql("""
                        delete from domain_event_entry
                        where convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = ? and aggregate_identifier <> ?""")
                .params(tenant, tenant).update();
        log.info("tenant {} purged: {} events and {} snapshots deleted from the event store", tenant, events, snapshots);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantEvents purgedTenantEvents(JdbcClient jdbc) {
            return new PurgedTenantEvents(jdbc);
        }
    }
}
