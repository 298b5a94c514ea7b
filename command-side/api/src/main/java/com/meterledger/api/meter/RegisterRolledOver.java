package com.meterledger.api.meter;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A declared rollover was used: the reading at {@code readAt} ({@code registerValue}, below the previous
 * {@code previousRegister}) passed {@code rolloverAt}. The {@link ReadingRecorded} that follows carries the
 * consumption across the wrap, {@code (rolloverAt - previousRegister) + registerValue}.
 */
public record RegisterRolledOver(MeterId meterId, Instant readAt, BigDecimal previousRegister,
                                 BigDecimal registerValue, BigDecimal rolloverAt) {
}
