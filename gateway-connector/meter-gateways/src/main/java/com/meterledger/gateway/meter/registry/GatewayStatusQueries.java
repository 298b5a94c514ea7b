package com.meterledger.gateway.meter.registry;

import com.meterledger.api.gateway.FindMeterGateway;
import com.meterledger.api.gateway.FindPropertyGateways;
import com.meterledger.api.gateway.GatewayStatus;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Answers other modules' questions about gateway liveness through the published queries, never through its tables. */
@Component
public class GatewayStatusQueries {
    private final GatewayRegistry registry;

    public GatewayStatusQueries(GatewayRegistry registry) {
        this.registry = registry;
    }

    @QueryHandler
    public List<GatewayStatus> handle(FindPropertyGateways query) {
        return registry.statuses(query.tenantId(), query.propertyId().value());
    }

    @QueryHandler
    public Optional<GatewayStatus> handle(FindMeterGateway query) {
        return registry.statusOfMeter(query.tenantId(), query.meterId().value());
    }
}
