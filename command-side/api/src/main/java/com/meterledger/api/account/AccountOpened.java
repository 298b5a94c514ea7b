package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

public record AccountOpened(AccountId accountId, UnitId unitId, MeterId meterId, Currency currency, FlatTariff tariff,
                            Instant openedAt, Instant openingReadAt, BigDecimal openingRegister) {
}
