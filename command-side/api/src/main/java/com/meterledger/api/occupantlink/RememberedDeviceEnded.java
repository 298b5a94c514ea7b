package com.meterledger.api.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** The phone no longer opens the account's portal (why: {@code reason}; who: the actor in the metadata). */
public record RememberedDeviceEnded(RememberedDeviceId deviceId, TenantId tenantId, AccountId accountId,
                                    RememberedDeviceEnding reason, Instant at) {
}
