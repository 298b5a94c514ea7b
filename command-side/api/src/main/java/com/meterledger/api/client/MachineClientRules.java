package com.meterledger.api.client;

/** The rule codes of machine clients (stable: clients act on them). */
public final class MachineClientRules {
    public static final String KIND_UNKNOWN = "client-kind-unknown";
    public static final String NAME_REQUIRED = "client-name-required";
    public static final String ROLE_UNKNOWN = "client-role-unknown";
    public static final String ROLES_REQUIRED = "client-roles-required";
    public static final String SCOPE_BEYOND_KIND = "client-scope-beyond-kind";
    public static final String SCOPE_BEYOND_CREATOR = "client-scope-beyond-creator";
    public static final String PROPERTIES_WITHOUT_MANAGER = "client-properties-without-manager";
    public static final String MANAGER_WITHOUT_PROPERTIES = "client-manager-without-properties";
    public static final String REVOKED = "client-revoked";
    /** Tokens come from an external issuer (Keycloak, Auth0, Entra ID): clients are registered there, not here. */
    public static final String AT_EXTERNAL_ISSUER = "client-at-external-issuer";

    private MachineClientRules() {
    }
}
