package com.meterledger.query.retention;

import com.meterledger.api.tenant.TenantRecordPurged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purge after retention: a closed tenant whose retention period ended loses its rows in the query side (read
 * models, alerts, export jobs). The event is handled as the tenant (row-level security confines every delete to its
 * rows), in the processor {@code tenant-purge} that every module's purge joins; a failure is tried again, and
 * deleting twice deletes nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantReadModels {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantReadModels.class);
    private final JdbcClient jdbc;

    public PurgedTenantReadModels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        int rows = 0;
        rows += jdbc.sql("delete from account_register_line where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from account_ledger_line where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from account_view where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from alert_reading where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from alert_rejection where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from alert_supply_off where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from alert_watch where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from alert where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from dashboard_account where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from dashboard_command_miss where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from dashboard_figure where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from dashboard_meter_month where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from export_job where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from meter_view where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from offline_receipt where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from tariff_version_view where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from tariff_account where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from tariff_property_accounts where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from tariff_view where tenant_id = ?").param(tenant).update();
        log.info("tenant {} purged: {} rows of the query side (read models, alerts, export jobs) deleted", tenant, rows);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantReadModels purgedTenantReadModels(JdbcClient jdbc) {
            return new PurgedTenantReadModels(jdbc);
        }
    }
}
