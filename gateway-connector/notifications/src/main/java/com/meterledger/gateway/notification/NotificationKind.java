package com.meterledger.gateway.notification;

/** What happened, from the occupant's point of view. */
public enum NotificationKind {
    LOW_BALANCE,
    DEPLETED,
    SUPPLY_OFF,
    SUPPLY_ON,
    TOP_UP_RECEIVED,
    /** Staff send the occupant a payment link; not from an event. */
    PAYMENT_LINK
}
