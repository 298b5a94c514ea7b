package com.meterledger.tenantadmin.signup;

import com.meterledger.api.tenant.TenantRules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for the slug a property group chooses at sign-up: it becomes its tenant id, in tokens, topics, logs and
 * addresses, so it is short, lower case and unambiguous, and never a word the platform itself uses. Pure.
 */
public final class TenantSlugs {
    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final int MIN = 3;
    private static final int MAX = 40;
    private static final Set<String> RESERVED = Set.of("admin", "administrator", "api", "app", "assets", "auth",
            "billing", "console", "help", "login", "logout", "mail", "mailbox", "meterledger", "oauth", "oauth2",
            "operator", "pay", "platform", "root", "signup", "static", "status", "support", "system", "ui", "webhooks",
            "www");

    private TenantSlugs() {
    }

    /** @param figures the numbers the reason names (the length allowed), for a translated text's placeholders */
    public record Refusal(String rule, String reason, List<Object> figures) {
        public Refusal(String rule, String reason) {
            this(rule, reason, List.of());
        }
    }

    /** @return why {@code slug} cannot be a tenant's id, or empty when it can */
    public static Optional<Refusal> judge(String slug) {
        if (slug == null || slug.length() < MIN || slug.length() > MAX || !FORM.matcher(slug).matches()) {
            return Optional.of(new Refusal(TenantRules.SLUG_MALFORMED, "must be %d-%d characters of a-z, 0-9 and "
                    .formatted(MIN, MAX) + "single hyphens between them, starting with a letter (for example "
                    + "harbour-homes)", List.of(MIN, MAX)));
        }
        if (RESERVED.contains(slug)) {
            return Optional.of(new Refusal(TenantRules.SLUG_RESERVED, "'" + slug + "' is reserved by the platform"));
        }
        return Optional.empty();
    }
}
