package com.meterledger.query.alert.anomaly;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A meter's cumulative register at a moment, as the rules read it. */
public record Reading(Instant at, BigDecimal register) {
    public Reading {
        if (at == null || register == null) {
            throw new IllegalArgumentException("a reading has a moment and a register");
        }
    }

    /** The register as it stood at {@code moment}: the latest reading at or before it (readings in time order). */
    static Optional<BigDecimal> registerAt(List<Reading> readings, Instant moment) {
        BigDecimal found = null;
        for (Reading reading : readings) {
            if (reading.at().isAfter(moment)) {
                break;
            }
            found = reading.register();
        }
        return Optional.ofNullable(found);
    }
}
