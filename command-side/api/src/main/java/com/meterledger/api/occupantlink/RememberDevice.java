package com.meterledger.api.occupantlink;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.shared.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Lets a phone back into one account's portal without a payment link until {@code expiresAt}: sent when an occupant
 * who opened the live link {@code linkId} ticks "remember this phone". The phone's secret is not in it: only its
 * hash is kept, in the device table.
 */
public record RememberDevice(@TargetAggregateIdentifier RememberedDeviceId deviceId, TenantId tenantId,
                             AccountId accountId, String linkId, Instant expiresAt) {
    public RememberDevice {
        if (deviceId == null || tenantId == null || accountId == null || linkId == null || expiresAt == null) {
            throw new IllegalArgumentException("device, tenant, account, link and expiry are required");
        }
    }
}
