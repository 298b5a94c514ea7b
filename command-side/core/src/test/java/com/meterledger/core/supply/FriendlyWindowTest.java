package com.meterledger.core.supply;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** When cuts wait: nights across midnight, weekends and holidays in the tenant's zone, across clock changes too. */
class FriendlyWindowTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static FriendlyWindow nights(ZoneId zone, String start, String end) {
        return new FriendlyWindow(zone, LocalTime.parse(start), LocalTime.parse(end), false, Set.of());
    }

    @Test
    void aNightThatCrossesMidnightHoldsBothSidesOfItInTheTenantsZone() {
        FriendlyWindow window = nights(SHANGHAI, "20:00", "08:00");
        // 21:00 and 07:59 in Shanghai are 13:00 and 23:59 UTC
        assertThat(window.contains(Instant.parse("2026-06-10T13:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-06-10T23:59:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-06-11T00:00:00Z"))).isFalse();
        assertThat(window.end(Instant.parse("2026-06-10T13:00:00Z"))).isEqualTo(Instant.parse("2026-06-11T00:00:00Z"));
    }

    @Test
    void aMomentOutsideTheWindowIsItsOwnEnd() {
        Instant noon = Instant.parse("2026-06-10T04:00:00Z");
        assertThat(nights(SHANGHAI, "20:00", "08:00").end(noon)).isEqualTo(noon);
    }

    @Test
    void aNightThatStartsAndEndsAtTheSameTimeHoldsNothing() {
        assertThat(nights(SHANGHAI, "00:00", "00:00").contains(Instant.parse("2026-06-10T16:00:00Z"))).isFalse();
    }

    @Test
    void aWeekendDepletionWaitsUntilMondayMorning() {
        FriendlyWindow window = FriendlyWindow.standard(SHANGHAI);
        // Saturday 2026-06-13 12:00 in Shanghai
        Instant saturdayNoon = Instant.parse("2026-06-13T04:00:00Z");
        assertThat(window.contains(saturdayNoon)).isTrue();
        assertThat(window.end(saturdayNoon)).isEqualTo(Instant.parse("2026-06-15T00:00:00Z")); // Monday 08:00
    }

    @Test
    void aHolidayBeforeAWeekendJoinsIt() {
        FriendlyWindow window = new FriendlyWindow(SHANGHAI, LocalTime.of(20, 0), LocalTime.of(8, 0), true,
                Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2)));
        // Thursday 1 October (National Day) 10:00 in Shanghai: the holidays run into the weekend
        Instant nationalDay = Instant.parse("2026-10-01T02:00:00Z");
        assertThat(window.end(nationalDay)).isEqualTo(Instant.parse("2026-10-05T00:00:00Z"));
    }

    @Test
    void theNightBeforeTheClocksGoForwardEndsAtTheSameLocalTimeAnHourSooner() {
        // Berlin moves from 02:00 CET to 03:00 CEST on Sunday 29 March 2026
        FriendlyWindow window = nights(BERLIN, "20:00", "08:00");
        Instant lateSaturday = Instant.parse("2026-03-28T22:00:00Z"); // 23:00 CET
        assertThat(window.end(lateSaturday)).isEqualTo(Instant.parse("2026-03-29T06:00:00Z")); // 08:00 CEST
    }

    @Test
    void theNightBeforeTheClocksGoBackEndsAtTheSameLocalTimeAnHourLater() {
        // Berlin moves from 03:00 CEST back to 02:00 CET on Sunday 25 October 2026
        FriendlyWindow window = nights(BERLIN, "20:00", "08:00");
        Instant lateSaturday = Instant.parse("2026-10-24T21:00:00Z"); // 23:00 CEST
        assertThat(window.end(lateSaturday)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z")); // 08:00 CET
    }

    @Test
    void aNightEndingInsideTheSkippedHourEndsWhenTheClockHasJumped() {
        FriendlyWindow window = nights(BERLIN, "01:00", "02:30");
        Instant night = Instant.parse("2026-03-29T00:15:00Z"); // 01:15 CET
        Instant end = window.end(night);
        assertThat(end).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 02:30 does not exist: 03:30 CEST
        assertThat(window.contains(end)).isFalse();
    }
}
