package com.meterledger.tenantadmin.registry;

import com.meterledger.api.registry.FindUnit;
import com.meterledger.api.registry.UnitSummary;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers other modules' questions about the registry through the published query, never through its tables. */
@Component
public class UnitQueries {
    private final Registry registry;

    public UnitQueries(Registry registry) {
        this.registry = registry;
    }

    @QueryHandler
    public Optional<UnitSummary> handle(FindUnit query) {
        return registry.unit(query.tenantId(), query.unitId());
    }
}
