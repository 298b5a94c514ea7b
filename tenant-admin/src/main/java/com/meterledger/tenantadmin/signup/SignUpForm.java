package com.meterledger.tenantadmin.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantProfile;
import com.meterledger.api.tenant.TenantRules;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sign-up request checked field by field, each refusal naming its field and rule, before anything is stored.
 * Pure.
 */
record SignUpForm(TenantId tenant, TenantProfile profile, String administratorName, String administratorEmail) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final int EMAIL_MAX = 254;

    static SignUpForm of(SignUpRequest request) {
        String organisation = required("organisationName", request.organisationName(), FreeText.NAME);
        String slug = required("slug", request.slug(), 64);
        TenantSlugs.judge(slug).ifPresent(refusal -> {
            throw new FieldRejected("slug", refusal.rule(), refusal.reason(), refusal.figures().toArray());
        });
        String country = required("country", request.country(), 2).toUpperCase(Locale.ROOT);
        if (!Set.of(Locale.getISOCountries()).contains(country)) {
            throw new FieldRejected("country", "country-unknown", "must be an ISO 3166-1 alpha-2 code such as CN");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(required("currency", request.currency(), 3).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldRejected("currency", "currency-unknown", Reason.of("currency-not-iso",
                    "must be an ISO 4217 code such as CNY", request.currency().strip()));
        }
        if (currency.getDefaultFractionDigits() < 0) {
            // XXX, XAU and the like: no minor unit, so no balance can be kept in it
            throw new FieldRejected("currency", "currency-unknown", Reason.of("currency-without-minor-unit",
                    "must be a currency money is kept in, such as CNY", currency.getCurrencyCode()));
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(required("timeZone", request.timeZone(), 64));
        } catch (DateTimeException e) {
            throw new FieldRejected("timeZone", "time-zone-unknown", "must be a time zone such as Asia/Shanghai");
        }
        String language = required("language", request.language(), 8);
        if (!TenantProfile.LANGUAGES.contains(language)) {
            throw new FieldRejected("language", "language-unknown", "must be one of " + TenantProfile.LANGUAGES);
        }
        String name = required("administratorName", request.administratorName(), FreeText.NAME);
        String email = required("administratorEmail", request.administratorEmail(), EMAIL_MAX);
        if (!EMAIL.matcher(email).matches()) {
            throw new FieldRejected("administratorEmail", TenantRules.EMAIL_MALFORMED,
                    "must be an e-mail address such as admin@example.com");
        }
        return new SignUpForm(new TenantId(slug), new TenantProfile(organisation, country, currency, zone, language),
                name, email);
    }

    private static String required(String field, String value, int maxLength) {
        FreeText.require(field, value, maxLength);
        if (value == null || value.isBlank()) {
            throw new FieldRejected(field, "field-required", "is required");
        }
        return value.strip();
    }
}
