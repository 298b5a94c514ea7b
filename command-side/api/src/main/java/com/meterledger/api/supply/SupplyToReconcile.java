package com.meterledger.api.supply;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.shared.TenantId;

/** A meter whose supply the reconciler should ask about, with the tenant it belongs to. */
public record SupplyToReconcile(TenantId tenantId, MeterId meterId) {
}
