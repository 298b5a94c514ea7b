package com.meterledger.gateway.payment.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A tenant's day as its reconciliation counts it: from midnight to midnight on the tenant's own clock (its time-zone
 * setting). A landlord in Shanghai who asks for 6 December means the payments and payouts of their 6 December, which
 * began at 16:00 UTC on the 5th; and at 00:30 in Shanghai (16:30 UTC) "yesterday" is already the 6th there, while in
 * UTC it is still the 5th. Pure: the clock and the zone are given.
 */
public record ReconciliationDay(LocalDate date, ZoneId zone) {

    /** The day before today on the tenant's clock: what the page shows first and the nightly job reconciles. */
    public static ReconciliationDay yesterday(Clock clock, ZoneId zone) {
        return new ReconciliationDay(LocalDate.now(clock.withZone(zone)).minusDays(1), zone);
    }

    /** The first moment of the day. */
    public Instant from() {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The first moment of the next day (exclusive end); a day of a change of clocks is 23 or 25 hours long. */
    public Instant to() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whether the day has not begun yet on the tenant's clock: such a day cannot be reconciled. */
    public boolean inTheFuture(Clock clock) {
        return date.isAfter(LocalDate.now(clock.withZone(zone)));
    }
}
