package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** A tenant's SMS sender name changed; who changed it is the event's actor (metadata). */
public record SmsSenderNameChanged(TenantId tenantId, SmsSenderName senderName, Instant at) {
}
