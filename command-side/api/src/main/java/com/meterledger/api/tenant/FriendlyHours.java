package com.meterledger.api.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;

/**
 * When a tenant does not cut supply even at zero balance, in the tenant's time zone: nights from {@code nightStart}
 * to {@code nightEnd} (may cross midnight; equal times mean no night window), optionally weekends, and listed
 * holidays (the tenant's own calendar, e.g. 春节).
 */
public record FriendlyHours(LocalTime nightStart, LocalTime nightEnd, boolean weekends, List<LocalDate> holidays) {
    public static final int MAX_HOLIDAYS = 100;
    public static final String RULE = "friendly-hours-invalid";

    public FriendlyHours {
        if (nightStart == null || nightEnd == null) {
            throw new FieldRejected("friendlyHours.nightStart", RULE, Reason.of("friendly-night-required",
                    "night start and end are required (equal: none)"));
        }
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        if (holidays.size() > MAX_HOLIDAYS) {
            throw new FieldRejected("friendlyHours.holidays", RULE, Reason.of("friendly-holidays-too-many",
                    "at most " + MAX_HOLIDAYS + " holidays", MAX_HOLIDAYS, holidays.size()));
        }
        if (new HashSet<>(holidays).size() != holidays.size()) {
            throw new FieldRejected("friendlyHours.holidays", RULE, Reason.of("friendly-holiday-repeated",
                    "a holiday is listed twice"));
        }
    }

    /** Nights 20:00-08:00 and weekends, no holidays: the humane default of a new tenant. */
    public static FriendlyHours standard() {
        return new FriendlyHours(LocalTime.of(20, 0), LocalTime.of(8, 0), true, List.of());
    }
}
