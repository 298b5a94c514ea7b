package com.meterledger.query.dashboard;

import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;

/** Subscription query of one property's dashboard: answered with a {@link PropertyDashboard}, updated by {@link DashboardChanged}. */
public record PropertyDashboardQuery(TenantId tenant, PropertyId property) {
    boolean concerns(String tenantId, String propertyId) {
        return tenant.sameAs(tenantId) && property.value().equals(propertyId);
    }
}
