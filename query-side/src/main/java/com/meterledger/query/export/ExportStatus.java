package com.meterledger.query.export;

import java.time.Instant;

/**
 * An export job's progress. {@code rowsPerSecond} and {@code secondsLeft} are estimated from the rows written since
 * the job started (null before there is anything to estimate from); {@code file} is where to fetch the result once
 * {@code status} is DONE.
 */
public record ExportStatus(String jobId, String report, String format, String status, int percent, long rowsDone,
                           long rowsTotal, Long rowsPerSecond, Long secondsLeft, Instant createdAt, Instant startedAt,
                           Instant finishedAt, String error, String file) {
}
