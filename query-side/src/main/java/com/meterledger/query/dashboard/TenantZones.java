package com.meterledger.query.dashboard;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindTenantSettings;
import com.meterledger.api.tenant.TenantSettings;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The zone a tenant's dashboard counts its days and months in: the tenant's own time-zone setting (owned by
 * tenant-admin, asked through the published {@link FindTenantSettings}, never its tables), else the configured
 * {@code meterledger.dashboard.zone} for a tenant that is not data. Remembered for {@link #TTL}: the projection asks
 * once per event, and a gateway batch brings hundreds of one tenant's events; a change of zone is in force on every
 * node within it. Events already counted stay in the day they were counted in; a rebuild counts them all again in the
 * zone of then.
 */
public class TenantZones {
    static final Duration TTL = Duration.ofSeconds(2);
    private static final int MAX_ENTRIES = 10_000;
    private final Function<String, Optional<ZoneId>> lookup;
    private final ZoneId fallback;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(ZoneId zone, Instant until) {
    }

    TenantZones(Function<String, Optional<ZoneId>> lookup, ZoneId fallback, Clock clock) {
        this.lookup = lookup;
        this.fallback = fallback;
        this.clock = clock;
    }

    /** Every tenant in the configured zone (projection tests without a query bus). */
    static TenantZones fixed(ZoneId zone) {
        return new TenantZones(tenant -> Optional.empty(), zone, Clock.systemUTC());
    }

    static TenantZones asking(QueryGateway queries, ZoneId fallback) {
        return new TenantZones(tenant -> queries.query(new FindTenantSettings(new TenantId(tenant)),
                        ResponseTypes.optionalInstanceOf(TenantSettings.class)).join().map(TenantSettings::zone),
                fallback, Clock.systemUTC());
    }

    public ZoneId of(String tenant) {
        Instant now = clock.instant();
        Remembered known = remembered.get(tenant);
        if (known != null && now.isBefore(known.until())) {
            return known.zone();
        }
        ZoneId zone = lookup.apply(tenant).orElse(fallback);
        if (remembered.size() > MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(tenant, new Remembered(zone, now.plus(TTL)));
        return zone;
    }
}
