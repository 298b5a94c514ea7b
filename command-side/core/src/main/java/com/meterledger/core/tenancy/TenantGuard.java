package com.meterledger.core.tenancy;

import com.meterledger.api.error.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates remember their tenant and answer a command from any other tenant exactly as if the id were unknown,
 * so a guessed id neither changes nor reveals anything.
 */
public final class TenantGuard {
    /** The security event log (see infra/app SecurityEvents): a command aimed at another tenant's aggregate. */
    private static final Logger SECURITY = LoggerFactory.getLogger("meterledger.security");
    private TenantGuard() {
    }

    public static void requireOwner(String ownerTenant, String callerTenant, String what, Object id) {
        if (ownerTenant != null && !ownerTenant.equals(callerTenant)) {
            SECURITY.warn("security-event type=foreign_tenant_id what={} id={} caller_tenant={}", what, id, callerTenant);
        }
        if (ownerTenant == null || !ownerTenant.equals(callerTenant)) {
            throw new NotFound(what, id);
        }
    }

    public static String requireTenant(String callerTenant) {
        if (callerTenant == null || callerTenant.isBlank()) {
            throw new IllegalStateException("command without tenant metadata: it must enter through an authenticated edge");
        }
        return callerTenant;
    }
}
