package com.meterledger.query.meter;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.gateway.FindMeterGateway;
import com.meterledger.api.gateway.GatewayStatus;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.Utility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Reads of meter_view (kept by dashboard-projection); liveness comes from the gateway registry's published query. */
@Repository
public class MeterQueries {
    private static final TypeReference<Map<String, BigDecimal>> REGISTERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final QueryGateway queries;
    private final ObjectMapper json;

    public MeterQueries(JdbcClient jdbc, QueryGateway queries, ObjectMapper json) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public MeterStatus status(TenantId tenant, MeterId meter) {
        Optional<GatewayStatus> gateway = queries.query(new FindMeterGateway(tenant, meter),
                ResponseTypes.optionalInstanceOf(GatewayStatus.class)).join();
        return jdbc.sql("""
                        select meter_id, unit_id, property_id, utility, account_id, last_read_at, last_register,
                            last_registers, supply_commanded, supply_confirmed, pending_command_id, pending_action,
                            pending_attempt, pending_since
                        from meter_view where tenant_id = ? and meter_id = ?""")
                .params(tenant.value(), meter.value())
                .query((rs, row) -> new MeterStatus(rs.getString(1), rs.getString(2), rs.getString(3),
                        Utility.valueOf(rs.getString(4)), rs.getString(5), instant(rs.getTimestamp(6)),
                        rs.getBigDecimal(7), registers(rs.getString(8)), rs.getString(9), rs.getString(10),
                        rs.getString(11) == null ? null : new MeterStatus.Pending(rs.getString(11), rs.getString(12),
                                rs.getInt(13), instant(rs.getTimestamp(14))),
                        gateway.map(GatewayStatus::gatewayId).orElse(null),
                        gateway.map(GatewayStatus::online).orElse(false),
                        gateway.map(GatewayStatus::lastSeenAt).orElse(null)))
                .optional()
                .orElseThrow(() -> new NotFound("meter", meter.value()));
    }

    private Map<String, BigDecimal> registers(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return json.readValue(stored, REGISTERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable registers in meter_view", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
