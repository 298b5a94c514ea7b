package com.meterledger.api.meter;

import com.meterledger.api.error.Reason;

/**
 * What became of a {@link RecordReading}: accepted and charged, a harmless duplicate, or rejected with a reason.
 *
 * <p>{@link Status#NOT_FOUND} and {@link Status#REFUSED} are only ever answered per item of a {@link RecordReadings}
 * batch: a single {@code RecordReading} reports an unknown meter by throwing {@code NotFound} and a refused one by
 * throwing {@code RuleViolation}, as before. For them {@code reason} is null and {@code detail} says why (for REFUSED:
 * {@code "<rule>: <message>"}).
 *
 * <p>A rejection also says which case of its reason it is ({@code specific}: its own code and figures), so that the
 * person who posted it reads the specifics in their language; {@code detail} is its English words. Null otherwise.
 */
public record ReadingOutcome(Status status, RejectionReason reason, String detail, Reason specific) {
    public enum Status {
        ACCEPTED, DUPLICATE, REJECTED,
        /** Batch only: the meter is unknown to the caller's tenant (or belongs to another); nothing was stored. */
        NOT_FOUND,
        /** Batch only: a business rule refused the item before anything was stored for it. */
        REFUSED
    }

    public static ReadingOutcome accepted() {
        return new ReadingOutcome(Status.ACCEPTED, null, null, null);
    }

    public static ReadingOutcome duplicate() {
        return new ReadingOutcome(Status.DUPLICATE, null, null, null);
    }

    public static ReadingOutcome rejected(RejectionReason reason, Reason specific) {
        return new ReadingOutcome(Status.REJECTED, reason, specific.english(), specific);
    }

    public static ReadingOutcome notFound(String detail) {
        return new ReadingOutcome(Status.NOT_FOUND, null, detail, null);
    }

    public static ReadingOutcome refused(String rule, String detail) {
        return new ReadingOutcome(Status.REFUSED, null, rule + ": " + detail, null);
    }
}
