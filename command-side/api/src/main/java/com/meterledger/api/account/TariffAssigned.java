package com.meterledger.api.account;

import com.meterledger.api.tariff.TariffId;

import java.time.Instant;

/** From {@code appliesFrom} (the account's latest reading) the account is priced by {@code tariffId}. */
public record TariffAssigned(AccountId accountId, TariffId previousTariffId, TariffId tariffId, Instant appliesFrom,
                             Instant assignedAt) {
}
