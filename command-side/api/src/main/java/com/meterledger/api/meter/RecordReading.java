package com.meterledger.api.meter;

import com.meterledger.api.shared.FreeText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A cumulative register value read at a moment. Answered with a {@link ReadingOutcome}.
 *
 * @param registerValue the total register: what plausibility, order and duplicates are judged on
 * @param registers     the time-of-use registers' cumulative values (e.g. {@code {peak=812.4, valley=1490.1}}), empty
 *                      for a single-register meter; a time-of-use tariff prices each register's delta
 */
public record RecordReading(@TargetAggregateIdentifier MeterId meterId, Instant readAt, BigDecimal registerValue,
                            Map<String, BigDecimal> registers) {
    /** A time-of-use register's name (peak, valley, t1...) is a label of at most this many characters. */
    public static final int REGISTER_NAME = 64;

    public RecordReading {
        registers = registers == null ? Map.of() : Map.copyOf(registers);
        registers.keySet().forEach(name -> FreeText.require("registers", name, REGISTER_NAME));
    }

    public RecordReading(MeterId meterId, Instant readAt, BigDecimal registerValue) {
        this(meterId, readAt, registerValue, Map.of());
    }
}
