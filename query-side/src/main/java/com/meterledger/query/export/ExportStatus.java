package com.meterledger.query.export;

import java.time.Instant;

/**
 * An export job's progress. {@code rowsPerSecond} and {@code secondsLeft} are estimated from the rows written since
 * the job started (null before there is anything to estimate from); {@code file} is where to fetch the result once
 * {@code status} is DONE. A tenant export that stopped because a module's part did not answer has the error
 * {@code export-part-missing: <parts>} ({@link ExportCompleteness}).
 */
public record ExportStatus(String jobId, String report, String format, String status, int percent, long rowsDone,
                           long rowsTotal, Long rowsPerSecond, Long secondsLeft, Instant createdAt, Instant startedAt,
                           Instant finishedAt, String error, String file) {
    /** The parts of a tenant export that did not answer, as its error names them; empty otherwise. */
    public java.util.List<String> missingParts() {
        return ExportCompleteness.missingParts(error);
    }
}
