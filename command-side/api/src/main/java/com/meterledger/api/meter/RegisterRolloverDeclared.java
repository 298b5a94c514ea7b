package com.meterledger.api.meter;

import java.math.BigDecimal;
import java.time.Instant;

/** The next lower reading of the meter is read as a wrap at {@code rolloverAt}; the declaration is used up by it. */
public record RegisterRolloverDeclared(MeterId meterId, BigDecimal rolloverAt, BigDecimal lastRegister, String reason,
                                       Instant declaredAt) {
}
