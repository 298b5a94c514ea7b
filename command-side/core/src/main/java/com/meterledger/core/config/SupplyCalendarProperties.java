package com.meterledger.core.config;

import com.meterledger.core.supply.FriendlyWindow;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Friendly windows: a default and per-tenant overrides, e.g.
 * {@code meterledger.supply.calendars.acme.zone=Europe/Dublin}.
 */
@ConfigurationProperties("meterledger.supply")
public record SupplyCalendarProperties(Calendar defaultCalendar, Map<String, Calendar> calendars) {
    public SupplyCalendarProperties {
        defaultCalendar = defaultCalendar == null ? new Calendar(null, null, null, null, null) : defaultCalendar;
        calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
    }

    public record Calendar(ZoneId zone, LocalTime nightStart, LocalTime nightEnd, Boolean weekends,
                           List<LocalDate> holidays) {
    }

    public FriendlyWindow windowOf(String tenant) {
        Calendar own = calendars.get(tenant);
        Calendar fallback = defaultCalendar;
        FriendlyWindow standard = FriendlyWindow.standard(first(own == null ? null : own.zone(), fallback.zone(),
                ZoneId.of("UTC")));
        return new FriendlyWindow(standard.zone(),
                first(own == null ? null : own.nightStart(), fallback.nightStart(), standard.nightStart()),
                first(own == null ? null : own.nightEnd(), fallback.nightEnd(), standard.nightEnd()),
                first(own == null ? null : own.weekends(), fallback.weekends(), standard.weekends()),
                Set.copyOf(first(own == null ? null : own.holidays(), fallback.holidays(), List.of())));
    }

    private static <T> T first(T own, T fallback, T standard) {
        return own != null ? own : fallback != null ? fallback : standard;
    }
}
