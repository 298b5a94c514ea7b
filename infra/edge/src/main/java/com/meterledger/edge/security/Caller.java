package com.meterledger.edge.security;

import com.meterledger.api.shared.Actor;
import com.meterledger.api.shared.TenantId;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;
import java.util.Optional;

/** The authenticated caller of the current request, as its verified token says: never as its body says. */
public final class Caller {
    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLES_CLAIM = "roles";
    public static final String PROPERTIES_CLAIM = "properties";
    /** A person's display name (people only; a client or a demo user has none): shown, never used to decide. */
    public static final String NAME_CLAIM = "name";

    private Caller() {
    }

    /** A bearer token of the API, or the access token a person of the web UI signed in with (same checks). */
    public static Optional<JwtAuthenticationToken> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return Optional.of(jwt);
        }
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                ? Optional.of(user.asCaller()) : Optional.empty();
    }

    public static TenantId tenant() {
        return current()
                .map(jwt -> jwt.getToken().getClaimAsString(TENANT_CLAIM))
                .filter(tenant -> !tenant.isBlank())
                .map(TenantId::new)
                .orElseThrow(() -> new AccessDeniedException("the token carries no tenant"));
    }

    public static boolean hasRole(String role) {
        return current().map(jwt -> jwt.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role))).orElse(false);
    }

    /** The properties a property manager looks after (claim {@code properties}). */
    public static List<String> properties() {
        return current().map(jwt -> jwt.getToken().hasClaim(PROPERTIES_CLAIM)
                ? jwt.getToken().getClaimAsStringList(PROPERTIES_CLAIM) : List.<String>of()).orElse(List.of());
    }

    public static Optional<Actor> actor() {
        return current().map(jwt -> new Actor(jwt.getName(), "rest"));
    }
}
