package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.shared.TenantScoped;

/**
 * Asked of every module that owns part of a tenant's data, for the tenant's export (a scatter-gather query: each
 * module answers with its own {@link TenantExportPart}, read from its own tables, so no module reads another's).
 * Tenant-scoped: a handler's transaction runs as this tenant (also on the export's worker thread, which has no
 * caller), and a tenant other than the caller's is refused.
 */
public record FindTenantExportParts(TenantId tenantId) implements TenantScoped {
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
