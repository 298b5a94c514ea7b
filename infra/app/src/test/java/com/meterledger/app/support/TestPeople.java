package com.meterledger.app.support;

/**
 * The people the tests sign in as, in one place. None is configuration: {@link TestTenants} makes each one through the
 * services a person uses (the sign-up's administrator, invitations accepted from the mail sink, the operators'
 * service), with one test password. Their addresses end in a dotted domain, as sign-up and invitations require.
 * A gateway is no person: it is a machine client ({@code tenant-a-gateway}), which has no password to sign in with.
 */
public final class TestPeople {
    /** Every test person's password; it passes the sign-up's password rule. */
    public static final String PASSWORD = SignedUpTenants.PASSWORD;

    /** The name every test tenant's administrator signed up with, which the pages show as signed in. */
    public static final String ADMINISTRATOR_NAME = "Test Administrator";
    /** tenant-a's administrator, who signed it up. */
    public static final String ADMIN_A = "admin@tenant-a.test";
    /** tenant-a's property manager, who looks after {@code managed-a} only. */
    public static final String MANAGER_A = "manager@tenant-a.test";
    public static final String FINANCE_A = "finance@tenant-a.test";
    public static final String AUDITOR_A = "auditor@tenant-a.test";
    /** tenant-b's administrator, who signed it up. */
    public static final String ADMIN_B = "admin@tenant-b.test";
    /** The administrator of the tenant whose friendly window holds every cut. */
    public static final String ADMIN_F = "admin@tenant-f.test";
    /** The administrator of the tenant that pays through the local Stripe sandbox. */
    public static final String ADMIN_S = "admin@tenant-s.test";
    /** The platform's operator: no tenant's person. */
    public static final String OPERATOR = "operator@platform.test";

    private TestPeople() {
    }
}
