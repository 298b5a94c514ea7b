package com.meterledger.core.settings;

import com.meterledger.api.tenant.PaymentLimits;

/** What one payment of a tenant may be: its own settings, else the platform's configured defaults. */
@FunctionalInterface
public interface PaymentLimitsOf {
    PaymentLimits of(String tenant);
}
