package com.meterledger.app.security;

import com.meterledger.app.support.TestTokens;
import com.meterledger.edge.security.Roles;

/** Client-credentials tokens of the test clients per role (application-test.yml), through the real token endpoint. */
final class RoleTokens {
    private RoleTokens() {
    }

    /** @param clientId e.g. {@code tenant-a-finance}, {@code platform-admin} */
    static String of(String clientId, int port) {
        String secret = clientId.equals("tenant-a-admin") ? "test-secret-a"
                : clientId.equals("tenant-b-admin") ? "test-secret-b" : "test-secret";
        return TestTokens.cachedClientCredentials(port, clientId, secret);
    }

    static String clientOf(String tenantLetter, String role) {
        return switch (role) {
            case Roles.PLATFORM_ADMIN -> "platform-admin";
            case Roles.TENANT_ADMIN -> "tenant-" + tenantLetter + "-admin";
            case Roles.PROPERTY_MANAGER -> "tenant-" + tenantLetter + "-manager";
            case Roles.FINANCE -> "tenant-" + tenantLetter + "-finance";
            case Roles.AUDITOR -> "tenant-" + tenantLetter + "-auditor";
            case Roles.GATEWAY -> "tenant-" + tenantLetter + "-gateway";
            default -> throw new IllegalArgumentException(role);
        };
    }
}
