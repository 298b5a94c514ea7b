package com.meterledger.query.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * @param zone              the calendar that decides which day and month a reading, charge or credit counts in, for a
 *                          tenant that has no time-zone setting of its own (a tenant's own setting wins: {@link TenantZones})
 * @param topConsumers      how many top consumers per utility a dashboard lists
 * @param pendingCommands   how many pending control commands a dashboard lists (oldest first)
 * @param pushInterval      live updates of one property's dashboard come at most this often (bursts coalesce)
 */
@ConfigurationProperties("meterledger.dashboard")
public record DashboardSettings(@DefaultValue("UTC") ZoneId zone, @DefaultValue("5") int topConsumers,
                                @DefaultValue("50") int pendingCommands,
                                @DefaultValue("PT0.3S") Duration pushInterval) {

    static final Clock CLOCK = Clock.systemUTC();

    /** The day {@code at} falls in, on the clock of {@code in} (the tenant's zone, {@link TenantZones}). */
    static LocalDate day(Instant at, ZoneId in) {
        return LocalDate.ofInstant(at, in);
    }

    static YearMonth month(Instant at, ZoneId in) {
        return YearMonth.from(day(at, in));
    }

    static Instant start(YearMonth month, ZoneId in) {
        return month.atDay(1).atStartOfDay(in).toInstant();
    }
}
