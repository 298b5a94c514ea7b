package com.meterledger.query.meter;

import com.meterledger.api.meter.FindMeterIdsInUse;
import com.meterledger.api.meter.FindMeterIdsInUse.MeterIdsInUse;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.MetadataKeys;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashSet;
import java.util.Set;

/**
 * Answers {@link FindMeterIdsInUse} from the event store itself (read-only, as the audit reads it): an aggregate id is
 * in use once its first event (sequence 0) is stored, whatever its tenant, and that event's metadata names the tenant
 * and its row the aggregate's type. One indexed query (the store's unique aggregate and sequence) for any number of
 * ids; meter_view would not do, since another tenant's rows are invisible under row-level security and a meter
 * registered a moment ago may not be projected yet.
 */
@Component
public class MetersInStore {
    private static final String METER_TYPE = "Meter";

    private final JdbcClient jdbc;

    public MetersInStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public MeterIdsInUse handle(FindMeterIdsInUse query) {
        Set<MeterId> ours = new HashSet<>();
        Set<MeterId> taken = new HashSet<>();
        if (query.meterIds().isEmpty()) {
            return new MeterIdsInUse(ours, taken);
        }
        String[] ids = query.meterIds().stream().map(MeterId::value).toArray(String[]::new);
        jdbc.sql("select aggregate_identifier, type, convert_from(meta_data, 'UTF8')::jsonb ->> '" + MetadataKeys.TENANT
                        + "' from domain_event_entry where aggregate_identifier = any(?) and sequence_number = 0")
                .param(ids)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    MeterId id = new MeterId(rs.getString(1));
                    boolean ourMeter = METER_TYPE.equals(rs.getString(2))
                            && query.tenantId().value().equals(rs.getString(3));
                    (ourMeter ? ours : taken).add(id);
                });
        return new MeterIdsInUse(ours, taken);
    }
}
