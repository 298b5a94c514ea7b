package com.meterledger.api.account;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tariff.TariffId;

/**
 * Query: the ids (raw values) of the tenant's open accounts priced by a tariff. Answered from the account read model,
 * so an account opened or re-assigned a moment ago may be missing until the projection catches up.
 */
public record FindAccountsOnTariff(TenantId tenantId, TariffId tariffId) {
}
