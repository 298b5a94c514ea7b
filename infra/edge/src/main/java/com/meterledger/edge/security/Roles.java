package com.meterledger.edge.security;

import java.util.List;
import java.util.Set;

/**
 * The roles a token can carry (claim {@code roles}); Spring Security sees them as {@code ROLE_<name>}.
 * <ul>
 *   <li>{@link #PLATFORM_ADMIN}: runs the SaaS (tenants, subscriptions); has no tenant and reads no tenant's data.</li>
 *   <li>{@link #TENANT_ADMIN}: everything within the own tenant.</li>
 *   <li>{@link #PROPERTY_MANAGER}: units, meters, accounts and payment links of the properties in the token's
 *   {@code properties} claim only.</li>
 *   <li>{@link #FINANCE}: money: balances, statements, top-ups, payment links; all properties of the tenant.</li>
 *   <li>{@link #AUDITOR}: reads everything of the own tenant, changes nothing.</li>
 *   <li>{@link #GATEWAY}: a device client: submits meter readings, nothing else.</li>
 * </ul>
 */
public final class Roles {
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    public static final String TENANT_ADMIN = "TENANT_ADMIN";
    public static final String PROPERTY_MANAGER = "PROPERTY_MANAGER";
    public static final String FINANCE = "FINANCE";
    public static final String AUDITOR = "AUDITOR";
    public static final String GATEWAY = "GATEWAY";
    public static final Set<String> ALL = Set.of(PLATFORM_ADMIN, TENANT_ADMIN, PROPERTY_MANAGER, FINANCE, AUDITOR,
            GATEWAY);

    private Roles() {
    }

    public static void requireKnown(List<String> roles, String who) {
        for (String role : roles) {
            if (!ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role + " for " + who + "; known: " + ALL);
            }
        }
    }
}
