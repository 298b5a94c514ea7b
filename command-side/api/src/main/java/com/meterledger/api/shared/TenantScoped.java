package com.meterledger.api.shared;

/** A value that belongs to exactly one tenant (an authenticated gateway, say), so work done for it runs as that tenant. */
public interface TenantScoped {
    TenantId tenant();
}
