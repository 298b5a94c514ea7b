package com.meterledger.api.tariff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publishes a new version of a tariff. It must take effect after the latest published version and not before
 * now: prices are never changed retroactively.
 */
public record PublishTariffVersion(@TargetAggregateIdentifier TariffId tariffId, TariffVersion version) {
    public PublishTariffVersion {
        if (tariffId == null || version == null) {
            throw new IllegalArgumentException("tariff id and version are required");
        }
    }
}
