package com.meterledger.gateway.payment.retention;

import com.meterledger.api.tenant.TenantRecordPurged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purge after retention: a closed tenant whose retention period ended loses its rows in the Stripe adapter
 * (checkouts, reconciliation, connected account, the platform's billing facts). The event is handled as the tenant
 * (row-level security confines every delete to its rows), in the processor {@code tenant-purge} that every module's
 * purge joins; a failure is tried again, and deleting twice deletes nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantPayments {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantPayments.class);
    private final JdbcClient jdbc;

    public PurgedTenantPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        int rows = 0;
        rows += jdbc.sql("delete from reconciliation_line where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from reconciliation_run where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from payment_checkout where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from payment_settings where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from stripe_connected_account where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from tenant_meter_report where tenant_id = ?").param(tenant).update();
        rows += jdbc.sql("delete from tenant_subscription where tenant_id = ?").param(tenant).update();
        log.info("tenant {} purged: {} rows of the Stripe adapter (checkouts, reconciliation, connected account, the platform's billing facts) deleted", tenant, rows);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantPayments purgedTenantPayments(JdbcClient jdbc) {
            return new PurgedTenantPayments(jdbc);
        }
    }
}
