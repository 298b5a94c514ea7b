package com.meterledger.api.supply;

/**
 * What a meter made of a gateway's acknowledgement: {@link Status#RECORDED} when it answered the pending command (a
 * confirmation, or a failure with its retry), {@link Status#IGNORED} when it answered a command that is no longer
 * pending, so it says nothing about the relay now; {@code rule} then names why (a stable code) and {@code detail}
 * says it in words.
 */
public record AcknowledgementOutcome(Status status, String rule, String detail) {
    public enum Status {
        RECORDED,
        IGNORED
    }

    /** The acknowledgement of another command than the pending one (abandoned, failed, replaced or unknown). */
    public static final String NOT_PENDING = "command-not-pending";
    /** A second acknowledgement of a command already confirmed (a redelivery, or one contradicting the first). */
    public static final String ALREADY_CONFIRMED = "command-already-confirmed";

    public static AcknowledgementOutcome recorded() {
        return new AcknowledgementOutcome(Status.RECORDED, null, null);
    }

    public static AcknowledgementOutcome ignored(String rule, String detail) {
        return new AcknowledgementOutcome(Status.IGNORED, rule, detail);
    }

    public boolean ignored() {
        return status == Status.IGNORED;
    }
}
