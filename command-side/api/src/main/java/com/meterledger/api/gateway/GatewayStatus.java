package com.meterledger.api.gateway;

import com.meterledger.api.registry.PropertyId;

import java.time.Instant;

/** A meter gateway's liveness as the gateway registry judges it ({@code online}: heard from within its threshold). */
public record GatewayStatus(String gatewayId, PropertyId propertyId, String name, boolean online, Instant lastSeenAt) {
}
