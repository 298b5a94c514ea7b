package com.meterledger.edge.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.Collection;

/**
 * A person signed in to the web UI through the issuer (authorization code). Tenant, roles and properties come from
 * the access token the issuer handed out at sign-in, verified exactly like a bearer token of the API; the session
 * keeps that token, so the UI's caller is the same {@link JwtAuthenticationToken} the API would see.
 */
public class SignedInUser extends DefaultOidcUser {
    private final Jwt accessToken;

    public SignedInUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, Jwt accessToken) {
        super(authorities, idToken, "sub");
        this.accessToken = accessToken;
    }

    public JwtAuthenticationToken asCaller() {
        return new JwtAuthenticationToken(accessToken, getAuthorities(), accessToken.getSubject());
    }

    public boolean expired(Instant now) {
        return accessToken.getExpiresAt() != null && !now.isBefore(accessToken.getExpiresAt());
    }
}
