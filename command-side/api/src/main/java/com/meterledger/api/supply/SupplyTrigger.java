package com.meterledger.api.supply;

public enum SupplyTrigger {
    /** the account reached its cut-off level */
    DEPLETED,
    /** the account rose above its reconnect level */
    RECONNECT_LEVEL_REACHED,
    /** a deferred cut's friendly window ended */
    WINDOW_ENDED,
    /** the supply reconciler found the relay possibly away from what the account's standing intends */
    RECONCILE
}
