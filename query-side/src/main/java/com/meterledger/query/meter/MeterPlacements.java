package com.meterledger.query.meter;

import com.meterledger.api.meter.FindMeterPlacement;
import com.meterledger.api.meter.MeterPlacement;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.Utility;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers where a meter is installed and what it measures, for other modules (meter hierarchies), from meter_view. */
@Component
public class MeterPlacements {
    private final JdbcClient jdbc;

    public MeterPlacements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<MeterPlacement> handle(FindMeterPlacement query) {
        return jdbc.sql("select property_id, utility from meter_view where tenant_id = ? and meter_id = ? "
                        + "and property_id is not null")
                .params(query.tenantId().value(), query.meterId().value())
                .query((rs, row) -> new MeterPlacement(query.meterId(), new PropertyId(rs.getString(1)),
                        Utility.valueOf(rs.getString(2))))
                .optional();
    }
}
