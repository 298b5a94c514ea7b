package com.meterledger.core.supply;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which setting of a friendly window holds a moment, in the tenant's zone, and that it agrees with the window. */
class FriendlyHoldTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate SATURDAY = LocalDate.of(2026, 6, 13);
    private static final FriendlyWindow STANDARD = FriendlyWindow.standard(SHANGHAI);
    private static final FriendlyHold.Night NIGHTS =
            new FriendlyHold.Night(LocalTime.of(20, 0), LocalTime.of(8, 0), SHANGHAI);

    @Test
    void aWeekdayNoonIsHeldByNothing() {
        // Wednesday 12:00 in Shanghai
        assertThat(STANDARD.holds(Instant.parse("2026-06-10T04:00:00Z"))).isEmpty();
    }

    @Test
    void aWeekdayNightIsHeldByTheNightsInTheTenantsZone() {
        // Wednesday 21:00 and Thursday 07:59 in Shanghai are 13:00 and 23:59 UTC on Wednesday
        assertThat(STANDARD.holds(Instant.parse("2026-06-10T13:00:00Z"))).containsExactly(NIGHTS);
        assertThat(STANDARD.holds(Instant.parse("2026-06-10T23:59:00Z"))).containsExactly(NIGHTS);
        assertThat(STANDARD.holds(Instant.parse("2026-06-11T00:00:00Z"))).isEmpty();
    }

    @Test
    void aSaturdayNoonIsHeldByTheWeekendOnlyIfWeekendsAreFriendly() {
        Instant saturdayNoon = Instant.parse("2026-06-13T04:00:00Z");
        assertThat(STANDARD.holds(saturdayNoon)).containsExactly(new FriendlyHold.Weekend(DayOfWeek.SATURDAY));
        FriendlyWindow nightsOnly = new FriendlyWindow(SHANGHAI, LocalTime.of(20, 0), LocalTime.of(8, 0), false,
                Set.of());
        assertThat(nightsOnly.holds(saturdayNoon)).isEmpty();
    }

    @Test
    void aHolidayIsNamedByItsDateBeforeTheWeekendAndTheNightItAlsoFallsOn() {
        FriendlyWindow withHoliday = new FriendlyWindow(SHANGHAI, LocalTime.of(20, 0), LocalTime.of(8, 0), true,
                Set.of(SATURDAY));
        // Saturday 22:00 in Shanghai
        assertThat(withHoliday.holds(Instant.parse("2026-06-13T14:00:00Z"))).containsExactly(
                new FriendlyHold.Holiday(SATURDAY), new FriendlyHold.Weekend(DayOfWeek.SATURDAY), NIGHTS);
        assertThat(withHoliday.holds(Instant.parse("2026-06-13T14:00:00Z")))
                .extracting(FriendlyHold::kind).containsExactly("holiday", "weekend", "night");
    }

    @Test
    void aMomentIsHeldBySomeSettingExactlyWhenTheWindowContainsIt() {
        FriendlyWindow window = new FriendlyWindow(SHANGHAI, LocalTime.of(22, 30), LocalTime.of(6, 15), true,
                Set.of(LocalDate.of(2026, 6, 10)));
        for (Instant moment = Instant.parse("2026-06-08T00:00:00Z");
             moment.isBefore(Instant.parse("2026-06-16T00:00:00Z")); moment = moment.plus(Duration.ofMinutes(15))) {
            assertThat(window.holds(moment).isEmpty()).as(moment.toString()).isEqualTo(!window.contains(moment));
        }
    }
}
