package com.meterledger.ui.staff;

import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;

/** Who the page is for, as the layout shows it: name, tenant and roles from the verified access token. */
public record SignedIn(String name, String tenant, List<String> roles) {
    static SignedIn current() {
        return Caller.current().map(jwt -> new SignedIn(jwt.getToken().hasClaim(Caller.NAME_CLAIM)
                        ? jwt.getToken().getClaimAsString(Caller.NAME_CLAIM) : jwt.getName(),
                        jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM),
                        jwt.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                .filter(authority -> authority.startsWith("ROLE_"))
                                .map(authority -> authority.substring(5)).sorted().toList()))
                .orElse(null);
    }

    public boolean auditTools() {
        return roles.contains(Roles.TENANT_ADMIN) || roles.contains(Roles.FINANCE) || roles.contains(Roles.AUDITOR);
    }

    /** A tenant administrator: manages the tenant's people ({@code /ui/people}). */
    public boolean administrator() {
        return roles.contains(Roles.TENANT_ADMIN);
    }

    /** Whether the lists and the search box are for this person: every reader role of a tenant (GET /api/accounts). */
    public boolean lists() {
        return roles.contains(Roles.TENANT_ADMIN) || roles.contains(Roles.FINANCE) || roles.contains(Roles.AUDITOR)
                || roles.contains(Roles.PROPERTY_MANAGER);
    }

    public boolean platform() {
        return roles.contains(Roles.PLATFORM_ADMIN);
    }
}
