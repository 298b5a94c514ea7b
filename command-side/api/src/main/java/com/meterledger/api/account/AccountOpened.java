package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.tariff.TariffId;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/**
 * @param standingChargedFrom the first day (in the tariff's zone) whose standing charge the account owes: the day of
 *                            the opening reading
 */
public record AccountOpened(AccountId accountId, UnitId unitId, MeterId meterId, Currency currency, TariffId tariffId,
                            Instant openedAt, Instant openingReadAt, BigDecimal openingRegister,
                            LocalDate standingChargedFrom) {
}
