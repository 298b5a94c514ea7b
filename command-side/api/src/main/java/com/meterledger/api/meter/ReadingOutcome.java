package com.meterledger.api.meter;

/** What became of a {@link RecordReading}: accepted and charged, a harmless duplicate, or rejected with a reason. */
public record ReadingOutcome(Status status, RejectionReason reason, String detail) {
    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    public static ReadingOutcome accepted() {
        return new ReadingOutcome(Status.ACCEPTED, null, null);
    }

    public static ReadingOutcome duplicate() {
        return new ReadingOutcome(Status.DUPLICATE, null, null);
    }

    public static ReadingOutcome rejected(RejectionReason reason, String detail) {
        return new ReadingOutcome(Status.REJECTED, reason, detail);
    }
}
