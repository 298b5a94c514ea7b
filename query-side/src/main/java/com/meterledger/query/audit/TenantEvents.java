package com.meterledger.query.audit;

import com.meterledger.api.shared.MetadataKeys;
import com.meterledger.api.shared.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.function.Consumer;

/**
 * A tenant's events as stored, in global order: the audit's access point to the event store for a tenant's export.
 * Axon's table has no tenant column, so the tenant is the {@code tenantId} of each event's metadata (set at the edge
 * and propagated to every message an event causes); another tenant's events are never returned. Rows are streamed
 * (fetch size {@link #FETCH}), so a tenant's whole history never sits in memory.
 */
@Repository
public class TenantEvents {
    static final int FETCH = 500;
    private static final String OF_TENANT = " from domain_event_entry e where convert_from(e.meta_data, 'UTF8')::jsonb"
            + " ->> '" + MetadataKeys.TENANT + "' = ?";

    /** One stored event; {@code payload} and {@code metaData} are the stored JSON texts. */
    public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
                              long sequence, String timestamp, String payloadType, String payloadRevision,
                              String payload, String metaData) {
    }

    private final JdbcClient jdbc;

    public TenantEvents(JdbcTemplate shared) {
        JdbcTemplate streaming = new JdbcTemplate(shared.getDataSource());
        streaming.setFetchSize(FETCH);
        this.jdbc = JdbcClient.create(streaming);
    }

    @Transactional(readOnly = true)
    public long count(TenantId tenant) {
        return jdbc.sql("select count(*)" + OF_TENANT).param(tenant.value()).query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public void stream(TenantId tenant, Consumer<StoredEvent> each) {
        jdbc.sql("""
                        select e.global_index, e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number,
                            e.time_stamp, e.payload_type, e.payload_revision, convert_from(e.payload, 'UTF8'),
                            convert_from(e.meta_data, 'UTF8')""" + OF_TENANT + " order by e.global_index")
                .param(tenant.value())
                .query((RowCallbackHandler) rs -> each.accept(new StoredEvent(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10))));
    }
}
