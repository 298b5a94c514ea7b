package com.meterledger.api.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

/** The one account of one tenant a live payment link opens to an occupant, and the link's id. */
public record PaymentLinkGrant(String linkId, TenantId tenant, AccountId accountId) {
    public boolean opens(String account) {
        return accountId.value().equals(account);
    }
}
