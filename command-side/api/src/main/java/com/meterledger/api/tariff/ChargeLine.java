package com.meterledger.api.tariff;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a priced breakdown: {@code quantity} (register units, or days for a standing charge) times
 * {@code unitPrice} (minor units) is {@code amount}, exact and not rounded.
 *
 * @param version   the number (1, 2, ...) of the tariff version that priced it
 * @param component "flat", "tier-1", "tier-2", ..., the register name, or "standing-charge"
 * @param from      start of the span the quantity was used in (inclusive)
 * @param to        end of that span (exclusive)
 */
public record ChargeLine(int version, ChargeKind kind, String component, Instant from, Instant to,
                         BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
