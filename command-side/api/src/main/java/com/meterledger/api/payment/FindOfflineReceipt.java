package com.meterledger.api.payment;

import com.meterledger.api.shared.TenantId;

/** Query: the receipt under this number in the tenant, answered with an {@code Optional<OfflineReceipt>}. */
public record FindOfflineReceipt(TenantId tenantId, String receiptNumber) {
}
