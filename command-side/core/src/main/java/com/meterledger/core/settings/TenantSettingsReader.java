package com.meterledger.core.settings;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.FindTenantSettings;
import com.meterledger.api.tenant.TenantSettings;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's settings as the tenant last saved them (owned by tenant-admin, asked through {@link FindTenantSettings}),
 * remembered for a moment: a gateway batch makes hundreds of supply decisions for one tenant, and asking once per
 * {@code ttl} keeps that one lookup. A change is in force on every node within {@code ttl}, without a restart. Empty
 * for a tenant that is not data (the platform's configured defaults apply).
 */
public class TenantSettingsReader {
    private static final int MAX_ENTRIES = 10_000;

    private final QueryGateway queries;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Optional<TenantSettings> settings, Instant until) {
    }

    public TenantSettingsReader(QueryGateway queries, Duration ttl, Clock clock) {
        this.queries = queries;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Optional<TenantSettings> of(String tenant) {
        Instant now = clock.instant();
        Remembered known = remembered.get(tenant);
        if (known != null && now.isBefore(known.until())) {
            return known.settings();
        }
        Optional<TenantSettings> settings = queries.query(new FindTenantSettings(new TenantId(tenant)),
                ResponseTypes.optionalInstanceOf(TenantSettings.class)).join();
        if (remembered.size() > MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(tenant, new Remembered(settings, now.plus(ttl)));
        return settings;
    }
}
