package com.meterledger.query.alert;

/** Open until a person acknowledges it (with a note) or its condition clears; resolved is final. */
public enum AlertState {
    OPEN, ACKNOWLEDGED, RESOLVED
}
