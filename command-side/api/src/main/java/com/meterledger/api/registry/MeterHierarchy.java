package com.meterledger.api.registry;

import com.meterledger.api.meter.MeterId;

import java.util.List;

/**
 * A master meter of a property and the sub-meters it feeds: what the master counts and no sub-meter does is line
 * loss. An empty list of sub-meters means the master has none (its hierarchy was removed).
 */
public record MeterHierarchy(PropertyId propertyId, MeterId master, List<MeterId> subMeters) {
    public MeterHierarchy {
        if (propertyId == null || master == null || subMeters == null) {
            throw new IllegalArgumentException("a meter hierarchy needs its property, its master and its sub-meters");
        }
        subMeters = List.copyOf(subMeters);
    }
}
