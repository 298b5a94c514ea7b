package com.meterledger.query.retention;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.meterledger.api.tenant.TenantRecordPurged;
import com.meterledger.query.search.SearchAccess;
import com.meterledger.query.search.SearchIndex;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Purge after retention, in Elasticsearch (through {@link SearchAccess}, the one access point): a closed tenant whose
 * retention period ended loses its consumption documents and its audit trail, all but the trail of its own stream,
 * which the event store keeps too (no person's data; when it closed and was purged). Part of the processor
 * {@code tenant-purge}: a search node that is away fails the event, which is tried again; deleting twice deletes
 * nothing more.
 */
@ProcessingGroup(TenantRecordPurged.PROCESSING_GROUP)
public class PurgedTenantSearchDocuments {
    private static final Logger log = LoggerFactory.getLogger(PurgedTenantSearchDocuments.class);
    private final SearchAccess search;

    public PurgedTenantSearchDocuments(SearchAccess search) {
        this.search = search;
    }

    @EventHandler
    void on(TenantRecordPurged event) {
        String tenant = event.tenantId().value();
        long consumption = search.deleteAll(event.tenantId(), SearchIndex.CONSUMPTION,
                Query.of(q -> q.matchAll(m -> m)));
        long trail = search.deleteAll(event.tenantId(), SearchIndex.AUDIT, Query.of(q -> q.bool(b -> b
                .mustNot(n -> n.term(t -> t.field("aggregate_id").value(tenant))))));
        log.info("tenant {} purged: {} consumption and {} audit documents deleted from the search cluster", tenant,
                consumption, trail);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PurgedTenantSearchDocuments purgedTenantSearchDocuments(SearchAccess search) {
            return new PurgedTenantSearchDocuments(search);
        }
    }
}
