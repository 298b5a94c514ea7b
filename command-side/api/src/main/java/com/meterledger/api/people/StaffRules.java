package com.meterledger.api.people;

/** The rule codes of people and their access (stable: clients and pages act on them). */
public final class StaffRules {
    public static final String NAME_REQUIRED = "person-name-required";
    public static final String EMAIL_MALFORMED = "person-email-malformed";
    public static final String ALREADY_MEMBER = "person-already-member";
    public static final String ROLE_UNKNOWN = "person-role-unknown";
    public static final String ROLES_REQUIRED = "person-roles-required";
    public static final String ROLE_NOT_GRANTABLE = "person-role-not-grantable";
    public static final String BEYOND_GRANTER = "person-grant-beyond-granter";
    public static final String ADMIN_BY_ADMIN_ONLY = "person-admin-by-admin-only";
    public static final String MANAGER_WITHOUT_PROPERTIES = "person-manager-without-properties";
    public static final String PROPERTIES_WITHOUT_MANAGER = "person-properties-without-manager";
    public static final String PROPERTY_UNKNOWN = "person-property-unknown";
    public static final String LAST_ADMINISTRATOR = "person-last-administrator";
    public static final String DEACTIVATED = "person-deactivated";
    public static final String NOT_INVITED = "person-not-invited";
    public static final String INVITATION_INVALID = "invitation-invalid";
    public static final String INVITATION_MAIL_FAILED = "invitation-mail-failed";
    public static final String PASSWORD_RESET_INVALID = "password-reset-invalid";
    public static final String PASSWORD_RESET_RATE_LIMITED = "password-reset-rate-limited";
    /** Removing one's own second factor: there is none to remove (a machine client never has one). */
    public static final String SECOND_FACTOR_NOT_ENROLLED = "second-factor-not-enrolled";
    /** Removing one's own second factor: a tenant of the person's requires one of a role they hold there. */
    public static final String SECOND_FACTOR_REQUIRED_BY_TENANT = "second-factor-required-by-tenant";
    /** Removing one's own second factor: locked out by wrong passwords or codes, as at sign-in. */
    public static final String SECOND_FACTOR_REMOVAL_LOCKED_OUT = "second-factor-removal-locked-out";
    /**
     * Removing one's own second factor: this wrong password or code was one too many; the person is locked out and
     * their sessions and tokens have ended.
     */
    public static final String SECOND_FACTOR_REMOVAL_SIGNED_OUT = "second-factor-removal-signed-out";
    /** Removing one's own second factor: the current password is missing or wrong (field {@code password}). */
    public static final String SECOND_FACTOR_REMOVAL_PASSWORD_WRONG = "second-factor-removal-password-wrong";
    /** Removing one's own second factor: the code is missing or not the app's current one (field {@code code}). */
    public static final String SECOND_FACTOR_REMOVAL_CODE_WRONG = "second-factor-removal-code-wrong";
    /** An administrator resets a person's second factor: the person has none. */
    public static final String SECOND_FACTOR_RESET_NOT_ENROLLED = "second-factor-reset-not-enrolled";
    /** An administrator resets their own second factor: they remove it themselves, with password and code. */
    public static final String SECOND_FACTOR_RESET_OWN = "second-factor-reset-own";
    /** An administrator resets the second factor of a person who is an active member of another tenant too. */
    public static final String SECOND_FACTOR_RESET_OTHER_TENANT = "second-factor-reset-other-tenant";
    /** Inviting a person: the address signs in as a platform operator (the mirror of platform-operator-address-in-use). */
    public static final String ADDRESS_IN_USE = "person-address-in-use";

    private StaffRules() {
    }
}
