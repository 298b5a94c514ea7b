package com.meterledger.core.tenancy;

import com.meterledger.api.error.NotFound;

/**
 * Aggregates remember their tenant and answer a command from any other tenant exactly as if the id were unknown,
 * so a guessed id neither changes nor reveals anything.
 */
public final class TenantGuard {
    private TenantGuard() {
    }

    public static void requireOwner(String ownerTenant, String callerTenant, String what, Object id) {
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
