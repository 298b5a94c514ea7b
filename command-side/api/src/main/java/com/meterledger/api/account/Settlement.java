package com.meterledger.api.account;

/** What happens to a positive balance at move-out. */
public enum Settlement {
    /** paid back to the occupant */
    REFUND,
    /** moved to another account of the same tenant (e.g. the occupant's new unit) */
    TRANSFER
}
