package com.meterledger.api.tenant;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.shared.FreeText;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A tenant's own rules and preferences, kept as data and changed by its administrators: the zone that decides its
 * "today", reports and friendly hours; the language its people and occupants read by default ({@code zh-CN},
 * {@code en}, or {@link #EACH_READERS_OWN}: a group whose people read in several languages lets each page follow the
 * reader's browser, and mails follow English); when supply is not
 * cut; what a payment may be; above which amount a manual adjustment needs a second person; the name its SMS are
 * signed with. No credential (a webhook's signing secret is kept apart, never in an event).
 */
public record TenantSettings(ZoneId zone, String language, FriendlyHours friendlyHours, PaymentLimits payments,
                             long adjustmentApprovalLimitMinor, String smsSenderName) {
    public static final String RULE = "tenant-settings-invalid";
    /** The language setting that imposes none: each person's choice, else their browser's, decides their pages. */
    public static final String EACH_READERS_OWN = "reader";

    public TenantSettings {
        if (zone == null) {
            throw new FieldRejected("zone", RULE, Reason.of("settings-zone-required",
                    "a time zone is required, such as Asia/Shanghai"));
        }
        if (!TenantProfile.LANGUAGES.contains(language) && !EACH_READERS_OWN.equals(language)) {
            throw new FieldRejected("language", RULE, Reason.of("settings-language-unknown",
                    "must be one of " + TenantProfile.LANGUAGES + " or " + EACH_READERS_OWN + " (each reader's own)",
                    String.join(", ", TenantProfile.LANGUAGES) + ", " + EACH_READERS_OWN));
        }
        if (friendlyHours == null || payments == null) {
            throw new FieldRejected(friendlyHours == null ? "friendlyHours" : "payments", RULE,
                    Reason.of("settings-section-required", "is required"));
        }
        if (adjustmentApprovalLimitMinor < 0 || adjustmentApprovalLimitMinor > PaymentLimits.CEILING) {
            throw new FieldRejected("adjustmentApprovalLimitMinor", RULE, Reason.of("settings-approval-limit-out-of-range",
                    "must be between 0 (every adjustment needs approval) and " + PaymentLimits.CEILING,
                    PaymentLimits.CEILING, adjustmentApprovalLimitMinor));
        }
        FreeText.require("smsSenderName", smsSenderName, 20);
        if (smsSenderName == null || smsSenderName.isBlank()) {
            throw new FieldRejected("smsSenderName", RULE, Reason.of("settings-sms-sender-required",
                    "is required (the name SMS are signed with)"));
        }
        smsSenderName = smsSenderName.strip();
    }

    /** The language the tenant sets for all its readers; nothing when each reader's own decides. */
    public Optional<String> languageForAll() {
        return EACH_READERS_OWN.equals(language) ? Optional.empty() : Optional.of(language);
    }

    /** What a new tenant starts with, in its own zone and language. */
    public static TenantSettings standard(TenantProfile profile) {
        return new TenantSettings(profile.zone(), profile.language(), FriendlyHours.standard(),
                PaymentLimits.standard(), 5_000, "MeterLedger");
    }
}
