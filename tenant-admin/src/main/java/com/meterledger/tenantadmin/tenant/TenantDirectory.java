package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindTenant;
import com.meterledger.api.tenant.TenantProfile;
import com.meterledger.api.tenant.TenantSignedUp;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import com.meterledger.api.tenant.TenantSummary;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/**
 * Table {@code tenant}: every tenant's profile and status, written in the transaction that stores the tenant's event
 * (a subscribing processor whose errors propagate), so sign-up sees a slug as taken the moment it is.
 */
@ProcessingGroup(TenantDirectory.PROCESSING_GROUP)
public class TenantDirectory {
    static final String PROCESSING_GROUP = "tenant-directory";

    private final JdbcClient jdbc;

    public TenantDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantSignedUp event) {
        TenantProfile profile = event.profile();
        jdbc.sql("""
                        insert into tenant (tenant_id, organisation_name, country, currency, zone, language, status,
                            status_since, signed_up_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId().value(), profile.organisationName(), profile.country(),
                        profile.currency().getCurrencyCode(), profile.zone().getId(), profile.language(),
                        TenantStatus.SIGNED_UP.name(), Timestamp.from(event.at()), Timestamp.from(event.at()))
                .update();
    }

    @EventHandler
    void on(TenantStatusChanged event) {
        jdbc.sql("update tenant set status = ?, status_since = ? where tenant_id = ?")
                .params(event.to().name(), Timestamp.from(event.at()), event.tenantId().value())
                .update();
    }

    /** Whether any tenant has this id, whoever asks (the one fact sign-up needs before a tenant exists). */
    @Transactional(readOnly = true)
    public boolean taken(String slug) {
        return Boolean.TRUE.equals(jdbc.sql("select tenant_slug_taken(?)").param(slug).query(Boolean.class).single());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public Optional<TenantSummary> find(FindTenant query) {
        return find(query.tenantId());
    }

    @Transactional(readOnly = true)
    public Optional<TenantSummary> find(TenantId tenant) {
        return jdbc.sql("select * from tenant where tenant_id = ?").param(tenant.value())
                .query((rs, row) -> new TenantSummary(tenant,
                        new TenantProfile(rs.getString("organisation_name"), rs.getString("country"),
                                Currency.getInstance(rs.getString("currency")), ZoneId.of(rs.getString("zone")),
                                rs.getString("language")),
                        TenantStatus.valueOf(rs.getString("status")), rs.getTimestamp("status_since").toInstant()))
                .optional();
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        TenantDirectory tenantDirectory(JdbcClient jdbc) {
            return new TenantDirectory(jdbc);
        }

        /** Subscribing, errors propagating: the directory row commits with the tenant's event or neither does. */
        @Bean
        ConfigurerModule tenantDirectoryProcessor() {
            return configurer -> configurer.eventProcessing(processing -> processing
                    .registerSubscribingEventProcessor(PROCESSING_GROUP)
                    .registerListenerInvocationErrorHandler(PROCESSING_GROUP, config -> PropagatingErrorHandler.instance()));
        }
    }
}
