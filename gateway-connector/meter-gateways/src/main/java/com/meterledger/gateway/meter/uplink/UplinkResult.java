package com.meterledger.gateway.meter.uplink;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The answer to one uplink message, published on {@code .../down/results} (MQTT) or returned as the body (HTTP).
 * {@code status} PROCESSED: every item has its own status; REJECTED: the whole message was refused for
 * {@code reason} and nothing of it was applied. {@code ignored} (acknowledgements only) counts items answered IGNORED:
 * valid, but for a command no longer pending, so they changed nothing; each says why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UplinkResult(int v, String type, String batchId, String status, String reason, String detail,
                           Integer accepted, Integer duplicates, Integer rejected, Integer ignored, List<Item> items,
                           Instant serverTime) {

    public static final String PROCESSED = "PROCESSED";
    public static final String REJECTED = "REJECTED";

    /** One item's fate. {@code retryable} marks a failure that was not the item's fault: send it again later. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String meter, String readAt, String commandId, String status, String reason,
                       String detail, Boolean retryable) {
    }

    public static UplinkResult rejected(UplinkKind kind, String batchId, String reason, String detail, Instant now) {
        return new UplinkResult(1, kind.topicSuffix(), batchId, REJECTED, reason, detail, null, null, null, null, null,
                now);
    }

    public boolean messageRejected() {
        return REJECTED.equals(status);
    }
}
