package com.meterledger.api.tariff;

import java.time.Instant;

/** Version {@code versionNumber} (1, 2, ...) of a tariff, in force from {@code version.effectiveFrom()}. */
public record TariffVersionPublished(TariffId tariffId, int versionNumber, TariffVersion version, Instant publishedAt) {
}
