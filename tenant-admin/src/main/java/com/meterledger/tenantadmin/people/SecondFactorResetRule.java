package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.StaffRules;

/**
 * Whether a tenant's administrator may take a person's second factor away (a lost phone), judged without a database.
 * There must be one to take; and an administrator's own is removed by themselves with their password and code
 * ({@link SecondFactorRemovalRule}), so that a session left open cannot weaken the administrator's own account. The key
 * is the person's, not the tenant's: a person who also works for another tenant would lose it there too, so one
 * tenant's administrator may not take it (that tenant's rules would be weakened by someone it never trusted); the
 * person removes it themselves, or the platform's operators help.
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
     * @param elsewhere the person is an active member of another tenant too
     */
    public static Verdict judge(boolean enrolled, boolean own, boolean elsewhere) {
        if (own) {
            return new Refused(StaffRules.SECOND_FACTOR_RESET_OWN,
                    "Your own second factor is removed on your second-factor page, with your password and code.");
        }
        if (!enrolled) {
            return new Refused(StaffRules.SECOND_FACTOR_RESET_NOT_ENROLLED,
                    "This person has no second factor to reset.");
        }
        if (elsewhere) {
            return new Refused(StaffRules.SECOND_FACTOR_RESET_OTHER_TENANT,
                    "This person also works for another organisation, where their second factor would go too; they"
                            + " remove it themselves, or the platform's operators help.");
        }
        return new Reset();
    }
}
