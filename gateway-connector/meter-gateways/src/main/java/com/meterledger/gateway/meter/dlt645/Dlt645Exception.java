package com.meterledger.gateway.meter.dlt645;

/** A frame that cannot be read, with the reason a gateway's error topic can name. */
public class Dlt645Exception extends IllegalArgumentException {
    public enum Reason {
        NO_START, BAD_ADDRESS, BAD_LENGTH, BAD_CHECKSUM, NO_END, NOT_A_READ_ANSWER, REFUSED_BY_METER,
        UNKNOWN_DATA_IDENTIFIER, BAD_BCD
    }

    private final Reason reason;

    public Dlt645Exception(Reason reason, String message) {
        super(reason.name().toLowerCase().replace('_', '-') + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
