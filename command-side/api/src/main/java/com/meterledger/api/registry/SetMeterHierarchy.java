package com.meterledger.api.registry;

import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the sub-meters of one master meter of a property, on the tenant's book of meter hierarchies (which holds
 * every hierarchy of its properties, so "a sub-meter under two masters" is judged against all of them in one place);
 * the actor is in the metadata. The meters' existence, property and utility are checked before the command is sent.
 */
public record SetMeterHierarchy(TenantId tenantId, MeterHierarchy hierarchy) {
    public SetMeterHierarchy {
        if (tenantId == null || hierarchy == null) {
            throw new IllegalArgumentException("tenant id and meter hierarchy are required");
        }
    }

    /** The book's id: one per tenant, named after it (aggregate ids are one name space across tenants). */
    @TargetAggregateIdentifier
    public String bookId() {
        return bookOf(tenantId);
    }

    public static String bookOf(TenantId tenantId) {
        return "meter-hierarchies:" + tenantId.value();
    }
}
