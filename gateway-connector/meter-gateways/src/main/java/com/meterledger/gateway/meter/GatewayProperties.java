package com.meterledger.gateway.meter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** {@code meterledger.gateways}: limits of the uplink contract and liveness. */
@ConfigurationProperties("meterledger.gateways")
public record GatewayProperties(
        @DefaultValue("65536") int maxMessageBytes,
        @DefaultValue("500") int maxItems,
        @DefaultValue("PT5M") Duration maxClockSkew,
        @DefaultValue("PT3M") Duration offlineAfter,
        /* SupplyCommandIssued events older than this are not sent down (first start, replays) */
        @DefaultValue("PT10M") Duration commandMaxAge,
        /* how long a transient failure (database, concurrent change) is retried before the item is answered retryable */
        @DefaultValue("PT15S") Duration transientRetryFor) {
}
