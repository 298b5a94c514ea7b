package com.meterledger.core.supply;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a tenant does not cut supply even at zero balance: nights (a local time span that may cross midnight),
 * optionally weekends, and listed holidays, all in the tenant's time zone. Pure.
 */
public record FriendlyWindow(ZoneId zone, LocalTime nightStart, LocalTime nightEnd, boolean weekends,
                             Set<LocalDate> holidays) {
    public FriendlyWindow {
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
    }

    /** Nights 20:00-08:00 and weekends, no holidays: a humane default until a tenant sets its own. */
    public static FriendlyWindow standard(ZoneId zone) {
        return new FriendlyWindow(zone, LocalTime.of(20, 0), LocalTime.of(8, 0), true, Set.of());
    }

    public boolean contains(Instant moment) {
        ZonedDateTime local = moment.atZone(zone);
        return isFriendlyDay(local.toLocalDate()) || isNight(local.toLocalTime());
    }

    /**
     * The settings that hold {@code moment} (empty: outside the window), the day-long ones first because they hold
     * longest: a holiday, then a weekend, then the night. A page names them beside a held cut, so the person who wants
     * the cut sooner knows which setting to change.
     */
    public List<FriendlyHold> holds(Instant moment) {
        ZonedDateTime local = moment.atZone(zone);
        LocalDate day = local.toLocalDate();
        List<FriendlyHold> holds = new ArrayList<>();
        if (holidays.contains(day)) {
            holds.add(new FriendlyHold.Holiday(day));
        }
        if (weekends && isWeekend(day)) {
            holds.add(new FriendlyHold.Weekend(day.getDayOfWeek()));
        }
        if (isNight(local.toLocalTime())) {
            holds.add(new FriendlyHold.Night(nightStart, nightEnd, zone));
        }
        return List.copyOf(holds);
    }

    /** The first moment at or after {@code moment} that lies outside the window (minute precision). */
    public Instant end(Instant moment) {
        ZonedDateTime local = moment.atZone(zone);
        for (int guard = 0; guard < 400 && contains(local.toInstant()); guard++) {
            if (isFriendlyDay(local.toLocalDate())) {
                local = local.toLocalDate().plusDays(1).atTime(nightEnd).atZone(zone);
            } else if (!local.toLocalTime().isBefore(nightStart) && nightStart.isAfter(nightEnd)) {
                local = local.toLocalDate().plusDays(1).atTime(nightEnd).atZone(zone);
            } else {
                local = local.toLocalDate().atTime(nightEnd).atZone(zone);
            }
        }
        return local.toInstant();
    }

    private boolean isFriendlyDay(LocalDate day) {
        return (weekends && isWeekend(day)) || holidays.contains(day);
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private boolean isNight(LocalTime time) {
        if (nightStart.equals(nightEnd)) {
            return false;
        }
        return nightStart.isBefore(nightEnd)
                ? !time.isBefore(nightStart) && time.isBefore(nightEnd)
                : !time.isBefore(nightStart) || time.isBefore(nightEnd);
    }
}
