package com.meterledger.app.security;

import com.meterledger.edge.security.ContentSecurityPolicy;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.edge.security.SignedInUser;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;

/**
 * The web UI ({@code /ui/**}) signs people in through the OAuth2 issuer (authorization code with OIDC) and keeps them
 * in a session cookie with CSRF protection. Its own filter chain matches only {@code /ui/**}, so {@code /api/**} stays
 * bearer-only and stateless. The signed-in caller is the issuer's access token, verified by the API's own
 * {@link JwtDecoder} (signature, issuer, audience): tenant, roles and properties come from its claims and nowhere else.
 * The session keeps its security context and the page to return to under keys of its own, apart from the embedded
 * issuer's login session (which saves its own pending authorization request).
 */
@Configuration(proxyBeanMethods = false)
public class WebLoginConfiguration {
    public static final String REGISTRATION = "meterledger";
    static final String SIGN_IN = "/ui/oauth2/authorization/" + REGISTRATION;
    static final String SIGNED_OUT = "/ui/signed-out";
    private static final String UI_CONTEXT = "METERLEDGER_UI_SECURITY_CONTEXT";
    private static final String UI_SAVED_REQUEST = "METERLEDGER_UI_SAVED_REQUEST";

    @Bean
    @Order(30)
    SecurityFilterChain webUi(HttpSecurity http, ClientRegistrationRepository webClients,
                              OAuth2UserService<OidcUserRequest, OidcUser> signedInUsers,
                              AuthProperties auth, PersonAccess people) throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(UI_CONTEXT);
        HttpSessionRequestCache pages = new HttpSessionRequestCache();
        pages.setSessionAttrName(UI_SAVED_REQUEST);
        http.securityMatcher("/ui/**")
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(pages))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/ui/assets/**", "/ui/webjars/**", "/ui/signed-out").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(webClients)
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .authorizationEndpoint(endpoint -> endpoint.baseUri("/ui/oauth2/authorization"))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/ui/login/oauth2/code/*"))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(signedInUsers))
                        .loginPage(SIGN_IN)
                        .defaultSuccessUrl("/ui", false)
                        .failureHandler((request, response, e) -> {
                            SecurityEvents.log("authentication_failed", request, "web sign-in: " + e.getMessage());
                            response.sendRedirect(request.getContextPath() + "/ui/signed-out?failed");
                        }))
                .logout(logout -> logout.logoutUrl("/ui/logout").logoutSuccessHandler(signedOut(auth, webClients)))
                .exceptionHandling(exceptions -> exceptions
                        // htmx and server-sent-event requests cannot follow a sign-in redirect: they get 401
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                new RequestHeaderRequestMatcher("HX-Request"))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                new RequestHeaderRequestMatcher("Accept", "text/event-stream"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(SIGN_IN),
                                request -> true)
                        .accessDeniedHandler((request, response, e) -> {
                            SecurityEvents.log("access_denied", request, e.getMessage());
                            response.sendError(HttpStatus.FORBIDDEN.value());
                        }))
                .addFilterAfter(new ExpiredSignIn(contexts, people), SecurityContextHolderFilter.class);
        if (auth.embeddedIssuer()) {
            http.addFilterBefore(new LoopbackAddress(), SecurityContextHolderFilter.class);
        }
        SecurityConfiguration.hardenHeaders(http, pagePolicy(auth));
        return http.build();
    }

    /**
     * Where signing out leads. With the embedded issuer the UI's session is the issuer's login too, so ending it ends
     * both. With an external issuer the person's session there would outlast ours and sign them in again without a
     * password: the browser is sent to the issuer's {@code end_session_endpoint} (OIDC RP-initiated logout, from its
     * discovery document) with the ID token as hint, and comes back to {@code /ui/signed-out}, which must be among
     * the client's post-logout redirect URIs at the issuer. An issuer that publishes no such endpoint: straight to
     * {@code /ui/signed-out}.
     */
    static LogoutSuccessHandler signedOut(AuthProperties auth, ClientRegistrationRepository webClients) {
        if (auth.embeddedIssuer()) {
            SimpleUrlLogoutSuccessHandler local = new SimpleUrlLogoutSuccessHandler();
            local.setDefaultTargetUrl(SIGNED_OUT);
            return local;
        }
        OidcClientInitiatedLogoutSuccessHandler atIssuer = new OidcClientInitiatedLogoutSuccessHandler(webClients);
        atIssuer.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
        atIssuer.setDefaultTargetUrl(SIGNED_OUT);
        return atIssuer;
    }

    /**
     * The pages' Content-Security-Policy. The sign-out is a form ({@code POST /ui/logout}) whose answer redirects to
     * an external issuer's end-session endpoint, and browsers apply {@code form-action} to a form's redirects too: with
     * {@code form-action 'self'} alone Chromium stops the sign-out there (the first attempt at this sign-out, reverted,
     * stranded the browser on the page it signed out from). So with an external issuer the pages' forms may also go to
     * the issuer's origin, and nowhere else; the embedded issuer is our own origin.
     */
    static String pagePolicy(AuthProperties auth) {
        if (auth.embeddedIssuer() || !StringUtils.hasText(auth.issuer())) {
            return ContentSecurityPolicy.DEFAULT;
        }
        URI issuer = URI.create(auth.issuer());
        return ContentSecurityPolicy.allowingFormsTo(issuer.getScheme() + "://" + issuer.getRawAuthority());
    }

    /** The issuer's access token, verified like any bearer token, decides who the person is in which tenant. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> signedInUsers(JwtDecoder accessTokens) {
        return request -> {
            Jwt access;
            try {
                access = accessTokens.decode(request.getAccessToken().getTokenValue());
            } catch (JwtException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token"),
                        "the issuer's access token is not accepted here", e);
            }
            return new SignedInUser(SecurityConfiguration.authentication(access).getAuthorities(),
                    request.getIdToken(), access);
        };
    }

    @Bean
    WebClients webClients(AuthProperties auth, WebUiProperties ui) {
        return new WebClients(auth, ui);
    }

    /**
     * The UI's client registration, made once the server listens: with the embedded issuer the back channel (token,
     * keys) goes to this very server, the browser is sent to its {@code /oauth2/authorize}; an external issuer is
     * read from its discovery document.
     */
    public static final class WebClients implements ClientRegistrationRepository,
            ApplicationListener<WebServerInitializedEvent> {
        private final AuthProperties auth;
        private final WebUiProperties ui;
        private volatile ClientRegistration registration;
        private volatile int port;

        WebClients(AuthProperties auth, WebUiProperties ui) {
            this.auth = auth;
            this.ui = ui;
        }

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if (event.getApplicationContext().getServerNamespace() == null) {
                port = event.getWebServer().getPort();
            }
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            if (!REGISTRATION.equals(registrationId)) {
                return null;
            }
            ClientRegistration made = registration;
            if (made == null) {
                made = make();
                registration = made;
            }
            return made;
        }

        private ClientRegistration make() {
            String clientId = ui == null || !StringUtils.hasText(ui.clientId()) ? auth.loginClient().clientId()
                    : ui.clientId();
            String secret = ui == null || !StringUtils.hasText(ui.clientSecret()) ? auth.loginClient().secret()
                    : ui.clientSecret();
            ClientRegistration.Builder builder;
            if (auth.embeddedIssuer()) {
                String self = "http://127.0.0.1:" + port;
                builder = ClientRegistration.withRegistrationId(REGISTRATION)
                        .authorizationUri("/oauth2/authorize")
                        .tokenUri(self + "/oauth2/token")
                        .jwkSetUri(self + "/oauth2/jwks")
                        .issuerUri(StringUtils.hasText(auth.issuer()) ? auth.issuer() : null)
                        .userNameAttributeName("sub");
            } else {
                builder = ClientRegistrations.fromIssuerLocation(auth.issuer()).registrationId(REGISTRATION);
            }
            return builder.clientId(clientId)
                    .clientSecret(secret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/ui/login/oauth2/code/{registrationId}")
                    .scope(OidcScopes.OPENID)
                    .clientName("MeterLedger")
                    .build();
        }
    }

    /**
     * A session whose access token has expired signs in again (silently while the issuer's session lasts); a session
     * of a person who was deactivated (or is no longer a member of its tenant) ends at once: the session is
     * invalidated and the person is sent to sign in, where they are refused ({@link PersonAccess}).
     */
    private static final class ExpiredSignIn extends OncePerRequestFilter {
        private final HttpSessionSecurityContextRepository contexts;
        private final PersonAccess people;

        ExpiredSignIn(HttpSessionSecurityContextRepository contexts, PersonAccess people) {
            this.contexts = contexts;
            this.people = people;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
                if (!people.allows(user.asCaller().getToken())) {
                    SecurityEvents.log("access_denied", request, "the person's access was taken away");
                    SecurityContextHolder.clearContext();
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                } else if (user.expired(Instant.now())) {
                    SecurityContextHolder.clearContext();
                    contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
                }
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * The embedded issuer accepts loopback redirect URIs only by IP address (RFC 8252), so the local UI lives at
     * 127.0.0.1: a visit to localhost is sent there before any session is made.
     */
    private static final class LoopbackAddress extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if ("localhost".equalsIgnoreCase(request.getServerName()) && "GET".equals(request.getMethod())) {
                response.sendRedirect(UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                        .query(request.getQueryString()).host("127.0.0.1").build().toUriString());
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
