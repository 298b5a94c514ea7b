package com.meterledger.api.tenant;

import java.util.Collection;
import java.util.Set;

/**
 * Whether a tenant requires a second factor (TOTP) of the people who hold its most powerful roles: administrators
 * (who grant access and change every setting) and finance (who move money). Kept as data apart from
 * {@link TenantSettings} (its own command and event, its own form section), so changing one never rewrites the other.
 * Unset, nobody is required to have one: a person may still turn one on for themselves.
 *
 * @param requiredForAdministratorsAndFinance a person holding {@link #GUARDED_ROLES} in this tenant signs in with a
 *                                            code, and enrols one at sign-in before anything else when they have none
 */
public record SecondFactorPolicy(boolean requiredForAdministratorsAndFinance) {
    /** The roles the requirement covers, by their token names. */
    public static final Set<String> GUARDED_ROLES = Set.of("TENANT_ADMIN", "FINANCE");

    /** What a tenant that never chose has: no requirement. */
    public static SecondFactorPolicy standard() {
        return new SecondFactorPolicy(false);
    }

    /** What sign-in asks of a person after the password, under this policy. */
    public enum Verdict {
        /** the password is enough (no second factor, none required) */
        PASSWORD_ONLY,
        /** the person has a second factor: the code from their app */
        CODE,
        /** required here and the person has none: enrol one before reaching anything */
        ENROL_FIRST
    }

    /**
     * @param roles    the person's roles in this tenant
     * @param enrolled whether the person has a second factor
     */
    public Verdict judge(Collection<String> roles, boolean enrolled) {
        if (enrolled) {
            return Verdict.CODE;
        }
        boolean guarded = roles.stream().anyMatch(GUARDED_ROLES::contains);
        return requiredForAdministratorsAndFinance && guarded ? Verdict.ENROL_FIRST : Verdict.PASSWORD_ONLY;
    }
}
