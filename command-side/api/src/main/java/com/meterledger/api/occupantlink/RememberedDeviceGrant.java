package com.meterledger.api.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** What a live remembered phone opens to an occupant: one account of one tenant, until {@code expiresAt}. */
public record RememberedDeviceGrant(RememberedDeviceId deviceId, TenantId tenant, AccountId accountId,
                                    Instant expiresAt) {
    public boolean opens(String account) {
        return accountId.value().equals(account);
    }
}
