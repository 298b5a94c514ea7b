package com.meterledger.app.security;

import com.meterledger.api.tenant.TenantRecordPurged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purge after retention, in the embedded issuer's authorizations (Spring Authorization Server's
 * {@code oauth2_authorization}, this application's table): every authorization whose access token was issued for the
 * purged tenant (its {@code tenant_id} claim, which the token customizer sets for the tenant's people and clients)
 * goes. {@link IssuerHousekeeping} would drop them only once expired, and a refresh token can outlive the closing.
 * The tenant's registered clients are tenant-admin's and go with its purge. Part of the processor
 * {@code tenant-purge}; purging twice deletes nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantAuthorizations {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantAuthorizations.class);
    private final JdbcClient jdbc;

    public PurgedTenantAuthorizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        int authorizations = jdbc.sql("""
                        delete from oauth2_authorization
                        where access_token_metadata::jsonb -> 'metadata.token.claims' ->> 'tenant_id' = ?""")
                .param(event.tenantId().value()).update();
        log.info("tenant {} purged: {} issuer authorizations deleted", event.tenantId(), authorizations);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantAuthorizations purgedTenantAuthorizations(JdbcClient jdbc) {
            return new PurgedTenantAuthorizations(jdbc);
        }
    }
}
