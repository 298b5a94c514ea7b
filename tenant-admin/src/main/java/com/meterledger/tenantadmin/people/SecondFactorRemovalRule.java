package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.StaffRules;
import com.meterledger.api.platform.PlatformRules;

/**
 * Whether a person may remove their own second factor (to move it to a new phone, say), judged without a database.
 * Removing it needs what signing in needs: the current password and the app's current code, so a session left open
 * on a shared computer is not enough to weaken the account. It is refused while a second factor is required of the
 * person: by one of their tenants for a role they hold there, or, for an operator, by the platform. Only a wrong
 * password or code is a failed attempt (counted towards the lockout as at sign-in); what the person cannot change by
 * typing (nothing to remove, a requirement, a lockout) is refused before either is judged.
 */
public final class SecondFactorRemovalRule {
    private SecondFactorRemovalRule() {
    }

    /** Who requires a second factor of the person now. */
    public enum Requirement { NONE, TENANT, PLATFORM }

    public sealed interface Verdict permits Remove, Refused {
    }

    /** The key may go. */
    public record Remove() implements Verdict {
    }

    /**
     * @param field        the field to correct ({@code password}, {@code code}), or null when typing cannot help
     * @param failedAttempt a wrong password or code: counted towards the lockout like a failed sign-in
     */
    public record Refused(String rule, String field, boolean failedAttempt, String reason) implements Verdict {
    }

    /**
     * @param enrolled      the person has a second factor
     * @param required      who requires one of the person, if anyone
     * @param lockedOut     the person is locked out of signing in now
     * @param passwordRight the password given is the person's current one
     * @param codeRight     the code given is the one the person's app shows now
     */
    public static Verdict judge(boolean enrolled, Requirement required, boolean lockedOut, boolean passwordRight,
                                boolean codeRight) {
        if (!enrolled) {
            return new Refused(StaffRules.SECOND_FACTOR_NOT_ENROLLED, null, false,
                    "You have no second factor to remove.");
        }
        if (required == Requirement.TENANT) {
            return new Refused(StaffRules.SECOND_FACTOR_REQUIRED_BY_TENANT, null, false,
                    "Your organisation requires a second factor for your role; it cannot be removed.");
        }
        if (required == Requirement.PLATFORM) {
            return new Refused(PlatformRules.SECOND_FACTOR_REQUIRED, null, false,
                    "The platform requires a second factor of every operator; another operator can remove a lost one.");
        }
        if (lockedOut) {
            return new Refused(StaffRules.SECOND_FACTOR_REMOVAL_LOCKED_OUT, null, false,
                    "Too many wrong passwords or codes: try again in a few minutes.");
        }
        if (!passwordRight) {
            return new Refused(StaffRules.SECOND_FACTOR_REMOVAL_PASSWORD_WRONG, "password", true,
                    "That is not your current password.");
        }
        if (!codeRight) {
            return new Refused(StaffRules.SECOND_FACTOR_REMOVAL_CODE_WRONG, "code", true,
                    "That is not the code your app shows now.");
        }
        return new Remove();
    }
}
