package com.meterledger.tenantadmin.people;

import com.meterledger.api.platform.PlatformRules;

/**
 * Whether a platform operator may take a tenant's person's second factor away (a lost phone), judged without a
 * database. Unlike a tenant's administrator ({@link SecondFactorResetRule}), an operator may do it for a person who
 * works for several tenants: the key is the person's, not one tenant's, and the platform is trusted by every tenant
 * alike. There must be one to take.
 */
public final class OperatorResetRule {
    private OperatorResetRule() {
    }

    public sealed interface Verdict permits Reset, Refused {
    }

    /** The key may go, in every tenant the person works for. */
    public record Reset() implements Verdict {
    }

    public record Refused(String rule, String reason) implements Verdict {
    }

    /** @param enrolled the person has a second factor */
    public static Verdict judge(boolean enrolled) {
        if (!enrolled) {
            return new Refused(PlatformRules.STAFF_SECOND_FACTOR_NOT_ENROLLED,
                    "This person has no second factor to reset.");
        }
        return new Reset();
    }
}
