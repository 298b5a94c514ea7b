package com.meterledger.api.account;

import com.meterledger.api.tariff.TariffId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Prices the account by another tariff of the tenant (same utility and currency). It applies from the account's
 * latest reading on: the next reading's whole interval is priced by the new tariff. Assigning the tariff the account
 * already has is a no-op.
 */
public record AssignTariff(@TargetAggregateIdentifier AccountId accountId, TariffId tariffId) {
    public AssignTariff {
        if (accountId == null || tariffId == null) {
            throw new IllegalArgumentException("account id and tariff id are required");
        }
    }
}
