package com.meterledger.api.tariff;

import com.meterledger.api.listing.PropertyScope;

/**
 * Whose a tariff is ({@link FindTariffOwner}): shared by the tenant's accounts (no account), or the own flat tariff of
 * one account, made when it was opened with a flat price, in that account's property.
 *
 * @param accountId  the account whose own tariff it is; null for a shared tariff
 * @param propertyId the property of that account; null for a shared tariff, or while the account is not yet projected
 */
public record TariffOwner(TariffId tariffId, String accountId, String propertyId) {
    public boolean shared() {
        return accountId == null;
    }

    /** Whether a caller who sees {@code scope} may read the tariff: a shared one, or an account's in the scope. */
    public boolean visibleIn(PropertyScope scope) {
        return scope.all() || shared() || (propertyId != null && scope.includes(propertyId));
    }
}
