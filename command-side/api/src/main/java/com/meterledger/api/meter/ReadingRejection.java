package com.meterledger.api.meter;

import com.meterledger.api.error.RuleViolation;

/**
 * A single reading the meter rejected, as its endpoint answers it: a 422 "Reading rejected" problem whose {@code rule}
 * is the stable {@link RejectionReason} and whose {@code reason} is the specific case, its words in the reader's
 * language with the figures (the values compared) the English detail names. The reading itself was recorded as
 * rejected in the meter's history; this only carries the answer to the edge that words problems.
 */
public class ReadingRejection extends RuleViolation {
    public ReadingRejection(ReadingOutcome outcome) {
        super(outcome.reason().name(), outcome.specific());
    }
}
