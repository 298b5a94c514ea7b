package com.meterledger.api.tariff;

import com.meterledger.api.shared.TenantId;

/**
 * Query: whose a tariff of the tenant is, answered with an {@code Optional<TariffOwner>}: empty for a tariff the read
 * model does not know (unknown, another tenant's, or created a moment ago). A property manager reads a tariff only when
 * it is shared or the own tariff of an account in their properties (an account's own flat tariff names the account).
 * Answered from the tariff read model, so a moment behind the command side.
 */
public record FindTariffOwner(TenantId tenantId, TariffId tariffId) {
}
