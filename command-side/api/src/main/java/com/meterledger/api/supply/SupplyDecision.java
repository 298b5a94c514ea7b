package com.meterledger.api.supply;

public enum SupplyDecision {
    CUT,
    RESTORE,
    /** depleted, but the cut waits (friendly window) */
    DEFER,
    /** depleted, but supply stays on (protection, emergency credit) */
    KEEP_ON
}
