package com.meterledger.query.meter;

import com.meterledger.api.shared.Utility;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A meter as the read side knows it: its last reading, its supply as last commanded and as last confirmed by the
 * meter, the control command still pending, and whether its gateway is online ({@code gatewayId} null: not relayed
 * by any gateway, so {@code online} is false).
 */
public record MeterStatus(String meterId, String unitId, String propertyId, Utility utility, String accountId,
                          Instant lastReadAt, BigDecimal lastRegister, Map<String, BigDecimal> lastRegisters,
                          String supplyCommanded, String supplyConfirmed, Pending pendingCommand, String gatewayId,
                          boolean online, Instant gatewayLastSeenAt) {

    public record Pending(String commandId, String action, int attempt, Instant since) {
    }
}
