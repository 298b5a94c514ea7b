package com.meterledger.api.tenant;

/** The rule codes of tenants and sign-up (stable: clients act on them). */
public final class TenantRules {
    public static final String SLUG_MALFORMED = "tenant-slug-malformed";
    public static final String SLUG_RESERVED = "tenant-slug-reserved";
    public static final String SLUG_TAKEN = "tenant-slug-taken";
    public static final String EMAIL_MALFORMED = "signup-email-malformed";
    public static final String EMAIL_TAKEN = "signup-email-taken";
    public static final String VERIFICATION_INVALID = "signup-verification-invalid";
    public static final String PASSWORD_WEAK = "password-too-weak";
    public static final String TRANSITION_NOT_ALLOWED = "tenant-transition-not-allowed";
    public static final String REASON_REQUIRED = "tenant-transition-reason-required";
    public static final String STAFF_WRITES_SUSPENDED = "tenant-staff-writes-suspended";
    /** An operator resumes only its own suspension: one for an unpaid invoice ends when the invoice is paid. */
    public static final String NOT_SUSPENDED_BY_OPERATOR = "tenant-not-suspended-by-operator";

    private TenantRules() {
    }
}
