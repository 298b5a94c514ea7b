package com.meterledger.api.tenant;

import com.meterledger.api.shared.FreeText;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * What a property group says about itself at sign-up: no person's data (the administrator's name and e-mail live in
 * the deletable people table, never in an event).
 *
 * @param country  ISO 3166-1 alpha-2, upper case ({@code CN})
 * @param language the language its people read by default: {@code zh-CN} or {@code en}
 */
public record TenantProfile(String organisationName, String country, Currency currency, ZoneId zone,
                            String language) {
    public static final Set<String> LANGUAGES = Set.of("zh-CN", "en");

    public TenantProfile {
        FreeText.require("organisationName", organisationName, FreeText.NAME);
        if (organisationName == null || organisationName.isBlank()) {
            throw new IllegalArgumentException("organisationName is required");
        }
        organisationName = organisationName.strip();
        if (country == null || !Set.of(Locale.getISOCountries()).contains(country)) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code such as CN");
        }
        if (currency == null || zone == null) {
            throw new IllegalArgumentException("currency and zone are required");
        }
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("language must be one of " + LANGUAGES);
        }
    }
}
