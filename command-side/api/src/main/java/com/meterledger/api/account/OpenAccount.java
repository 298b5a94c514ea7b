package com.meterledger.api.account;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.UnitId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** Move-in: opens the prepaid account of a unit's meter, starting from the meter's opening reading. */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId, UnitId unitId, MeterId meterId,
                          Currency currency, FlatTariff tariff, Instant openingReadAt, BigDecimal openingRegister) {
}
