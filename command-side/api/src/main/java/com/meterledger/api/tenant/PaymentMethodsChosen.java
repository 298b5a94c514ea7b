package com.meterledger.api.tenant;

import com.meterledger.api.shared.TenantId;

import java.time.Instant;

/** The tenant now offers these payment methods; who chose them is the event's actor (metadata). */
public record PaymentMethodsChosen(TenantId tenantId, PaymentMethodChoice choice, Instant at) {
}
