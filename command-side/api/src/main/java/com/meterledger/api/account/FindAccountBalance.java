package com.meterledger.api.account;

import com.meterledger.api.shared.TenantId;

/**
 * Query: an account's balance, answered with an {@code Optional<AccountBalanceSummary>} (empty for an unknown account
 * or another tenant's). Answered from the account read model, so a moment behind the command side.
 */
public record FindAccountBalance(TenantId tenantId, AccountId accountId) {
}
