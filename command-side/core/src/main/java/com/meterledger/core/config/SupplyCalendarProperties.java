package com.meterledger.core.config;

import com.meterledger.core.supply.FriendlyWindow;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The platform-wide friendly window ({@code meterledger.supply.default-calendar.*}) for a tenant that has no settings
 * of its own. A tenant's own friendly hours are data (its settings, changed by its administrator with an event), never
 * configuration keyed by tenant.
 */
@ConfigurationProperties("meterledger.supply")
public record SupplyCalendarProperties(Calendar defaultCalendar) {
    public SupplyCalendarProperties {
        defaultCalendar = defaultCalendar == null ? new Calendar(null, null, null, null, null) : defaultCalendar;
    }

    public record Calendar(ZoneId zone, LocalTime nightStart, LocalTime nightEnd, Boolean weekends,
                           List<LocalDate> holidays) {
    }

    /** The platform's window: what is configured, else the standard one (nights and weekends, UTC). */
    public FriendlyWindow platformWindow() {
        FriendlyWindow standard = FriendlyWindow.standard(first(defaultCalendar.zone(), ZoneId.of("UTC")));
        return new FriendlyWindow(standard.zone(), first(defaultCalendar.nightStart(), standard.nightStart()),
                first(defaultCalendar.nightEnd(), standard.nightEnd()),
                first(defaultCalendar.weekends(), standard.weekends()),
                Set.copyOf(first(defaultCalendar.holidays(), List.of())));
    }

    private static <T> T first(T configured, T standard) {
        return configured != null ? configured : standard;
    }
}
