package com.meterledger.api.gateway;

import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.shared.TenantId;

/** Query: the gateways of a tenant's property, answered with a list of {@link GatewayStatus} (empty when none). */
public record FindPropertyGateways(TenantId tenantId, PropertyId propertyId) {
}
