package com.meterledger.api.account;

import com.meterledger.api.shared.TenantId;

/**
 * Query: the unit an account of the tenant supplies, answered with an {@code Optional<UnitId>} (empty for an unknown
 * account or another tenant's). Answered from the account read model, so a moment behind the command side.
 */
public record FindUnitOfAccount(TenantId tenantId, AccountId accountId) {
}
