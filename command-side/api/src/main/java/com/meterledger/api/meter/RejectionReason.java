package com.meterledger.api.meter;

public enum RejectionReason {
    /** Read before the meter's latest accepted reading. */
    OUT_OF_ORDER,
    /** The cumulative register is lower than the latest accepted value. */
    REGISTER_WENT_BACKWARDS,
    /** More consumption than the meter can physically measure in the elapsed time. */
    IMPLAUSIBLE_JUMP,
    /** Read in the future beyond the allowed clock skew. */
    FROM_THE_FUTURE,
    /** A time-of-use reading whose registers are not the ones the previous reading carried. */
    REGISTERS_MISMATCH,
    /** A time-of-use reading whose registers' consumption does not add up to its total's. */
    REGISTERS_DISAGREE_WITH_TOTAL
}
