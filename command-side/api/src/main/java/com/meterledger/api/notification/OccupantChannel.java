package com.meterledger.api.notification;

/** The ways an occupant can be told something. */
public enum OccupantChannel {
    EMAIL,
    SMS,
    WEBHOOK
}
