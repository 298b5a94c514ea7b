package com.meterledger.api.tariff;

import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.Utility;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.ZoneId;
import java.util.Currency;

/**
 * Creates a tariff of the caller's tenant for one utility. {@code zone} decides where days (standing charges) and
 * billing periods (tier counting) start. Prices arrive later as versions.
 */
public record CreateTariff(@TargetAggregateIdentifier TariffId tariffId, String name, Utility utility,
                           Currency currency, ZoneId zone) {
    public CreateTariff {
        FreeText.require("name", name, FreeText.NAME);
        if (tariffId == null || utility == null || currency == null || zone == null) {
            throw new IllegalArgumentException("tariff id, utility, currency and zone are required");
        }
    }
}
