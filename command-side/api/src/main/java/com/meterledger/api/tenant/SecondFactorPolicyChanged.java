package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A tenant's second-factor requirement changed; who changed it is the event's actor (metadata). */
public record SecondFactorPolicyChanged(TenantId tenantId, SecondFactorPolicy policy, Instant at) {
}
