package com.meterledger.core.supply;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One setting of a tenant's friendly window that holds a moment, so a cut held by it can say which setting to look at
 * ({@link FriendlyWindow#holds}). {@link #kind()} lets a page word each one without knowing the Java types.
 */
public sealed interface FriendlyHold {

    /** {@code holiday}, {@code weekend} or {@code night}: stable, for templates. */
    String kind();

    /** A holiday of the tenant's calendar. */
    record Holiday(LocalDate day) implements FriendlyHold {
        @Override
        public String kind() {
            return "holiday";
        }
    }

    /** Weekends are friendly and the moment falls on one, in the tenant's zone. */
    record Weekend(DayOfWeek day) implements FriendlyHold {
        @Override
        public String kind() {
            return "weekend";
        }
    }

    /** The nightly span, local times in {@code zone}; {@code start} after {@code end} crosses midnight. */
    record Night(LocalTime start, LocalTime end, ZoneId zone) implements FriendlyHold {
        @Override
        public String kind() {
            return "night";
        }
    }
}
