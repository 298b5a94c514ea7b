package com.meterledger.gateway.notification;

/** The ways an occupant can be told something. Each has one adapter behind {@link NotificationPort}. */
public enum Channel {
    EMAIL,
    SMS,
    WEBHOOK
}
