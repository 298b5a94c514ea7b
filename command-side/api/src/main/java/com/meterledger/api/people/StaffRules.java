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

    private StaffRules() {
    }
}
