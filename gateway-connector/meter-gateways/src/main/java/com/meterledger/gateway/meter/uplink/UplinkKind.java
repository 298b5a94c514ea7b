package com.meterledger.gateway.meter.uplink;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of uplink message; the same payloads travel over MQTT and HTTP. */
public enum UplinkKind {
    READINGS("readings"),
    HEARTBEAT("heartbeat"),
    ACKS("acks");

    private final String topicSuffix;

    UplinkKind(String topicSuffix) {
        this.topicSuffix = topicSuffix;
    }

    public String topicSuffix() {
        return topicSuffix;
    }

    public static Optional<UplinkKind> ofTopicSuffix(String suffix) {
        return Arrays.stream(values()).filter(kind -> kind.topicSuffix.equals(suffix)).findFirst();
    }
}
