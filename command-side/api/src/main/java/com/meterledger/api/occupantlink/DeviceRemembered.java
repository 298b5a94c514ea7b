package com.meterledger.api.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * A phone may open the account's portal without a link until {@code expiresAt}; the actor in the metadata is the
 * payment link it was remembered through ({@code payment-link:<id>}). No secret, no user agent, nothing of the person.
 */
public record DeviceRemembered(RememberedDeviceId deviceId, TenantId tenantId, AccountId accountId, String linkId,
                               Instant expiresAt, Instant at) {
}
