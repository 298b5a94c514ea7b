package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/**
 * Billing moved the tenant from {@code from} to {@code to} (an invoice paid or failed, a grace period over) while the
 * platform operator's suspension holds it: the status stays SUSPENDED, and {@code to} is where the tenant goes when
 * the operator resumes it. So paying never lifts an operator's suspension, and nothing billing said is lost.
 */
public record TenantBillingStatusHeld(TenantId tenantId, TenantStatus from, TenantStatus to, String reason,
                                      Instant at) {
}
