package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

import java.util.List;

/**
 * Asked of every module that owns part of a tenant's data, for the tenant's export (a scatter-gather query: each
 * module answers with its own {@link TenantExportPart}, read from its own tables, so no module reads another's).
 * Tenant-scoped: a handler's transaction runs as this tenant (also on the export's worker thread, which has no
 * caller), and a tenant other than the caller's is refused.
 *
 * <p>Every module named in {@link #PARTS} owes an answer: a scatter-gather leaves out an answer that threw or came too
 * late without saying so, so the export compares the answers with this list and fails naming what is missing instead
 * of handing out a zip that silently lacks a module's files. A module that starts owning tenant data adds its name.
 */
public record FindTenantExportParts(TenantId tenantId) implements TenantScoped {
    /** tenant-admin's registry: {@code properties.csv}, {@code units.csv}. */
    public static final String REGISTRY = "registry";
    /** gateway-connector's meter gateways: {@code gateways.csv}, {@code gateway-meters.csv}. */
    public static final String METER_GATEWAYS = "meter-gateways";
    /** gateway-connector's notifications: {@code occupant-contacts.csv}. */
    public static final String NOTIFICATIONS = "notifications";
    /** query-side's tariffs: {@code tariffs.csv}. */
    public static final String TARIFFS = "tariffs";
    /** The parts every export must hold, sorted. */
    public static final List<String> PARTS = List.of(METER_GATEWAYS, NOTIFICATIONS, REGISTRY, TARIFFS);

    public FindTenantExportParts {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenant is required");
        }
    }

    @Override
    public TenantId tenant() {
        return tenantId;
    }
}
