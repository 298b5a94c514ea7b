package com.meterledger.query.account;

import com.meterledger.api.shared.TenantId;

/**
 * A subscription to the changes of one account as account-projection writes them ({@link AccountUpdates}); the
 * meter is the one supplying the account when the subscription starts.
 */
public record AccountChangesQuery(TenantId tenant, String accountId, String meterId) {

    boolean concerns(AccountChanged change) {
        return tenant.sameAs(change.tenantId()) && (accountId.equals(change.accountId())
                || (meterId != null && meterId.equals(change.meterId())));
    }
}
