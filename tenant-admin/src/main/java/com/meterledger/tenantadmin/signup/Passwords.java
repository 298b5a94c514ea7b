package com.meterledger.tenantadmin.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.Reason;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.tenant.TenantRules;

import java.util.Locale;

/**
 * The rule a new password must meet, after NIST SP 800-63B: long enough, no composition rules, not the person's own
 * address, not one repeated character. Pure.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private Passwords() {
    }

    public static String require(String password, String email) {
        FreeText.require("password", password, MAX_LENGTH);
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new FieldRejected("password", TenantRules.PASSWORD_WEAK, Reason.of("password-shorter-than-minimum",
                    "must be at least " + MIN_LENGTH + " characters (a sentence of a few words is fine)", MIN_LENGTH,
                    length));
        }
        if (password.codePoints().distinct().count() == 1) {
            throw new FieldRejected("password", TenantRules.PASSWORD_WEAK, Reason.of("password-one-character-repeated",
                    "must not be one character repeated"));
        }
        if (email != null && password.toLowerCase(Locale.ROOT).contains(email.toLowerCase(Locale.ROOT))) {
            throw new FieldRejected("password", TenantRules.PASSWORD_WEAK, Reason.of("password-contains-email",
                    "must not contain the e-mail address"));
        }
        return password;
    }
}
