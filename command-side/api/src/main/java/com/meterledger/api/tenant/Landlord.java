package com.meterledger.api.tenant;

import java.util.Objects;

/**
 * Whom an occupant's texts name as the one to ask: the tenant's organisation, not the platform (an occupant has never
 * heard of MeterLedger), and the language the tenant chose for its people and occupants.
 *
 * @param name     the organisation's name as it signed up
 * @param language {@code zh-CN} or {@code en} ({@link TenantProfile#LANGUAGES})
 */
public record Landlord(String name, String language) {
    public Landlord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
    }
}
