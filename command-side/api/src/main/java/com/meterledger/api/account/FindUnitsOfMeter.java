package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;

/**
 * Query: the units whose accounts a meter of the tenant has supplied, answered with a {@code List<UnitId>} (empty for
 * a meter that never supplied an account, an unknown one or another tenant's). From the account read model.
 */
public record FindUnitsOfMeter(TenantId tenantId, MeterId meterId) {
}
