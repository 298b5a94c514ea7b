package com.meterledger.gateway.meter.registry;

import java.time.Instant;
import java.util.List;

/** A gateway as the registry shows it to its tenant: never its secret or the secret's hash. */
public record GatewayView(String gatewayId, String propertyId, String name, String mqttUsername, boolean online,
                          Instant lastSeenAt, Instant lastHeartbeatAt, String firmware, Counters counters,
                          List<AttachedMeter> meters, Instant createdAt, Instant secretRotatedAt) {

    public record Counters(long readingsAccepted, long readingsDuplicate, long readingsRejected, long messagesRejected,
                           long acksAccepted, long acksRejected) {
    }

    public record AttachedMeter(String meterId, String address, Instant attachedAt) {
    }
}
