package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.StaffRules;

/**
 * Whether a tenant's administrator may take a person's second factor away (a lost phone), judged without a database.
 * There must be one to take; and an administrator's own is removed by themselves with their password and code
 * ({@link SecondFactorRemovalRule}), so that a session left open cannot weaken the administrator's own account.
 */
public final class SecondFactorResetRule {
    private SecondFactorResetRule() {
    }

    public sealed interface Verdict permits Reset, Refused {
    }

    /** The key may go. */
    public record Reset() implements Verdict {
    }

    public record Refused(String rule, String reason) implements Verdict {
    }

    /**
     * @param enrolled the person has a second factor
     * @param own      the person is the administrator asking
     */
    public static Verdict judge(boolean enrolled, boolean own) {
        if (own) {
            return new Refused(StaffRules.SECOND_FACTOR_RESET_OWN,
                    "Your own second factor is removed on your second-factor page, with your password and code.");
        }
        if (!enrolled) {
            return new Refused(StaffRules.SECOND_FACTOR_RESET_NOT_ENROLLED,
                    "This person has no second factor to reset.");
        }
        return new Reset();
    }
}
