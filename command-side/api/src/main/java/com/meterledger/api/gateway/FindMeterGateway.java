package com.meterledger.api.gateway;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;

/** Query: the gateway that relays a tenant's meter, answered with an optional {@link GatewayStatus}. */
public record FindMeterGateway(TenantId tenantId, MeterId meterId) {
}
