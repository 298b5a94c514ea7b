package com.meterledger.gateway.meter.retention;

import com.meterledger.api.tenant.TenantRecordPurged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purge after retention: a closed tenant whose retention period ended loses its rows in the meter gateways'
 * adapter. The event is handled as the tenant (row-level security confines every delete to its rows), in the
 * processor {@code tenant-purge} that every module's purge joins; a failure is tried again, and deleting twice
 * deletes nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantGateways {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantGateways.class);
    private final JdbcClient jdbc;

    public PurgedTenantGateways(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        int rows = 0;
        rows += jdbc.sql("delete from meter_gateway_command where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from meter_gateway_hour where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from meter_gateway_meter where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from meter_gateway where tenant_id = ?").param(tenant).update();
        log.info("tenant {} purged: {} rows of the meter gateways' adapter deleted", tenant, rows);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantGateways purgedTenantGateways(JdbcClient jdbc) {
            return new PurgedTenantGateways(jdbc);
        }
    }
}
