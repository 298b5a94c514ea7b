package com.meterledger.query.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose clock a dashboard's day runs on: the tenant's setting, else the platform's configured zone. */
class TenantZonesTest {

    @Test
    void aTenantWithoutItsOwnSettingCountsInTheConfiguredZone() {
        TenantZones zones = new TenantZones(tenant -> Optional.empty(), ZoneOffset.UTC, Clock.systemUTC());

        assertThat(zones.of("tenant-a")).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void aChangedZoneIsAskedOnceWithinTheTtlAndInForceAfterIt() {
        // given a tenant in Shanghai, asked through the published query (counted here)
        AtomicReference<ZoneId> setting = new AtomicReference<>(ZoneId.of("Asia/Shanghai"));
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TenantZones zones = new TenantZones(tenant -> {
            asked.incrementAndGet();
            return Optional.of(setting.get());
        }, ZoneOffset.UTC, clock);

        // when it is asked for many events, its administrator changes the zone, and the moment passes
        for (int event = 0; event < 500; event++) {
            assertThat(zones.of("harbour-homes")).isEqualTo(ZoneId.of("Asia/Shanghai"));
        }
        setting.set(ZoneId.of("Europe/Berlin"));
        now.set(now.get().plus(TenantZones.TTL).plus(Duration.ofMillis(1)));

        // then the setting was asked once, and the new zone is in force after the ttl
        assertThat(asked).hasValue(1);
        assertThat(zones.of("harbour-homes")).isEqualTo(ZoneId.of("Europe/Berlin"));
    }
}
