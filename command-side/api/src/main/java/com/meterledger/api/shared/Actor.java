package com.meterledger.api.shared;

/** Who caused a message (user or client id) and through which door (REST, MQTT, webhook, system). */
public record Actor(String id, String origin) {
}
