package com.meterledger.api.meter;

import java.util.List;
import java.util.Objects;

/**
 * Readings of many meters (one gateway's message, hence one tenant: the command's tenant metadata applies to every
 * item) recorded in one unit of work, i.e. one database transaction. Answered with a {@code List<ReadingOutcome>}, one
 * per item in the same order. An item's unknown or foreign meter is answered {@link ReadingOutcome.Status#NOT_FOUND}
 * and a rule refusing an item before anything was stored for it {@link ReadingOutcome.Status#REFUSED}; the other
 * items are still applied. Any other failure fails the whole batch: nothing is stored and the caller retries (or
 * sends the items one by one).
 */
public record RecordReadings(List<RecordReading> readings) {
    public static final int MAX_ITEMS = 500;

    public RecordReadings {
        Objects.requireNonNull(readings, "readings");
        if (readings.isEmpty() || readings.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a batch carries 1 to " + MAX_ITEMS + " readings, not " + readings.size());
        }
        readings = List.copyOf(readings); // also refuses null items
    }
}
