package com.meterledger.api.tariff;

import com.meterledger.api.shared.Utility;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;

public record TariffCreated(TariffId tariffId, String name, Utility utility, Currency currency, ZoneId zone,
                            Instant createdAt) {
}
