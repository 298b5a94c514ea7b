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
 * @param zone              the calendar that decides which day and month a reading, charge or credit counts in
 * @param topConsumers      how many top consumers per utility a dashboard lists
 * @param pendingCommands   how many pending control commands a dashboard lists (oldest first)
 * @param pushInterval      live updates of one property's dashboard come at most this often (bursts coalesce)
 */
@ConfigurationProperties("meterledger.dashboard")
public record DashboardSettings(@DefaultValue("UTC") ZoneId zone, @DefaultValue("5") int topConsumers,
                                @DefaultValue("50") int pendingCommands,
                                @DefaultValue("PT0.3S") Duration pushInterval) {

    static final Clock CLOCK = Clock.systemUTC();

    LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    YearMonth month(Instant at) {
        return YearMonth.from(day(at));
    }

    Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }
}
