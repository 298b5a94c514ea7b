package com.meterledger.api.platform;

/**
 * The rule codes of the platform's operators (stable: clients and pages act on them). An operator's address, password
 * and invitation link follow the staff's rules and codes ({@code person-email-malformed}, {@code password-too-weak},
 * {@code invitation-invalid}, ...); these are the operators' own.
 */
public final class PlatformRules {
    /** The address is an operator's already (invited, active or deactivated). */
    public static final String OPERATOR_EXISTS = "platform-operator-exists";
    /** The address signs in as a tenant's person: sign-in would never reach the operator. */
    public static final String ADDRESS_IN_USE = "platform-operator-address-in-use";
    /** The last active operator is never deactivated: no one could run the platform or make another. */
    public static final String LAST_OPERATOR = "platform-operator-last";
    /**
     * An operator may not remove their own second factor while the platform requires one of every operator
     * ({@code meterledger.platform.second-factor-required}); another operator removes a lost one.
     */
    public static final String SECOND_FACTOR_REQUIRED = "platform-second-factor-required";
    /** An operator resets a tenant's person's second factor (a lost phone): the person has none. */
    public static final String STAFF_SECOND_FACTOR_NOT_ENROLLED = "platform-staff-second-factor-not-enrolled";

    private PlatformRules() {
    }
}
