package com.meterledger.app.security;

import com.meterledger.edge.security.ContentSecurityPolicy;
import com.meterledger.edge.security.SignedInUser;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * access (issue 16): signing out of the web UI with an external issuer also ends the person's session there (OIDC
 * RP-initiated logout), so the next sign-in asks for the password again; with the embedded issuer the UI's session
 * is the issuer's login, and signing out ends both here. {@code ExternalIssuerKeycloakTest} runs it against a real
 * Keycloak.
 */
class SignOutAtIssuerTest {
    private static final String END_SESSION = "http://127.0.0.1:18080/realms/meterledger/protocol/openid-connect/logout";
    private static final Instant NOW = Instant.now();

    @Test
    void givenAnExternalIssuerWhenAPersonSignsOutThenTheBrowserIsSentToItsEndSessionEndpointWithTheIdToken()
            throws Exception {
        ClientRegistration web = registration(Map.of("end_session_endpoint", END_SESSION));
        LogoutSuccessHandler handler = WebLoginConfiguration.signedOut(external(),
                new InMemoryClientRegistrationRepository(web));
        MockHttpServletResponse response = new MockHttpServletResponse();

        handler.onLogoutSuccess(request(), response, signedIn(web));

        URI location = URI.create(response.getRedirectedUrl());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo(END_SESSION);
        Map<String, String> query = query(location);
        assertThat(query).containsEntry("id_token_hint", "the-id-token")
                .containsEntry("post_logout_redirect_uri", "http://127.0.0.1:8080/ui/signed-out");
    }

    @Test
    void givenAnIssuerWithoutAnEndSessionEndpointOrTheEmbeddedOneWhenAPersonSignsOutThenTheyLandOnTheSignedOutPage()
            throws Exception {
        ClientRegistration web = registration(Map.of());
        MockHttpServletResponse external = new MockHttpServletResponse();
        WebLoginConfiguration.signedOut(external(), new InMemoryClientRegistrationRepository(web))
                .onLogoutSuccess(request(), external, signedIn(web));
        MockHttpServletResponse embedded = new MockHttpServletResponse();
        WebLoginConfiguration.signedOut(new AuthProperties(true, null, null, null, null),
                new InMemoryClientRegistrationRepository(web)).onLogoutSuccess(request(), embedded, signedIn(web));

        assertThat(external.getRedirectedUrl()).isEqualTo("/ui/signed-out");
        assertThat(embedded.getRedirectedUrl()).isEqualTo("/ui/signed-out");
    }

    @Test
    void givenAnExternalIssuerThenThePagesFormsMayGoToItsOriginForTheSignOutsRedirectAndNowhereElse() {
        String external = WebLoginConfiguration.pagePolicy(external());
        String embedded = WebLoginConfiguration.pagePolicy(new AuthProperties(true, null, null, null, null));

        assertThat(external).endsWith("form-action 'self' http://127.0.0.1:18080");
        assertThat(embedded).isEqualTo(ContentSecurityPolicy.DEFAULT).endsWith("form-action 'self'");
    }

    private static AuthProperties external() {
        return new AuthProperties(false, "http://127.0.0.1:18080/realms/meterledger", null, Duration.ofMinutes(30),
                null);
    }

    private static ClientRegistration registration(Map<String, Object> metadata) {
        return ClientRegistration.withRegistrationId(WebLoginConfiguration.REGISTRATION)
                .clientId("meterledger-web").clientSecret("not-a-secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/ui/login/oauth2/code/{registrationId}")
                .authorizationUri("http://127.0.0.1:18080/auth").tokenUri("http://127.0.0.1:18080/token")
                .providerConfigurationMetadata(metadata).build();
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ui/logout");
        request.setScheme("http");
        request.setServerName("127.0.0.1");
        request.setServerPort(8080);
        return request;
    }

    private static OAuth2AuthenticationToken signedIn(ClientRegistration web) {
        OidcIdToken idToken = new OidcIdToken("the-id-token", NOW, NOW.plusSeconds(300), Map.of("sub", "kc-user-1"));
        Jwt access = Jwt.withTokenValue("access").header("alg", "RS256").subject("kc-user-1")
                .issuedAt(NOW).expiresAt(NOW.plusSeconds(300)).build();
        List<SimpleGrantedAuthority> roles = List.of(new SimpleGrantedAuthority("ROLE_TENANT_ADMIN"));
        return new OAuth2AuthenticationToken(new SignedInUser(roles, idToken, access), roles,
                web.getRegistrationId());
    }

    private static Map<String, String> query(URI location) {
        return Arrays.stream(location.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0],
                        pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
    }
}
