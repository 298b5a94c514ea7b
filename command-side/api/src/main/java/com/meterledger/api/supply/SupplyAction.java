package com.meterledger.api.supply;

public enum SupplyAction {
    /** open the relay or close the valve */
    CUT,
    /** close the relay or open the valve */
    RESTORE
}
