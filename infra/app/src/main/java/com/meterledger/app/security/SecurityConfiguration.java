package com.meterledger.app.security;

import com.meterledger.app.web.ProblemResponses;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.ContentSecurityPolicy;
import com.meterledger.edge.security.PropertyScopePermissions;
import com.meterledger.edge.security.Roles;
import com.meterledger.edge.security.SecurityEvents;
import com.meterledger.tenantadmin.client.IssuerClients;
import com.meterledger.tenantadmin.people.SignInGuard;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.people.StaffDirectory;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every API is an OAuth2 resource server (JWT): a token is accepted only when its signature verifies, it has not
 * expired, its issuer is the configured one and its audience contains ours. The local default is an embedded Spring
 * Authorization Server (OIDC discovery, people stored by tenant-admin who log in with the authorization-code flow,
 * client-credentials clients for gateways and programs); production points {@code meterledger.auth.issuer} at any OIDC provider that puts
 * {@code tenant_id}, {@code roles} (and {@code properties} for property managers) into its access tokens.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    @Bean
    @Order(40)
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        hardenHeaders(http);
        return http.build();
    }

    /** The embedded issuer's login page, where people sign in during the authorization-code flow. */
    @Bean
    @Order(50)
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    SecurityFilterChain login(HttpSecurity http, SignInGuard guard, SignInSteps steps, PlatformPeople operators)
            throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler onward = new SavedRequestAwareAuthenticationSuccessHandler();
        // the steps after the password (SignInSteps): pick a tenant, give the second factor's code
        http.securityMatcher("/login", "/logout", SignInSteps.TENANT_STEP, SignInSteps.CODE_STEP,
                        SignInSteps.ENROL_STEP)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // our own page (infra/web-ui SignUpPages): branded, in the visitor's language, linking to sign-up
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((request, response, authentication) -> {
                            // the failure count starts again once every step is done (SignInSteps), for a tenant's
                            // person and a platform operator alike: a wrong second-factor code keeps counting
                            Optional<String> step = steps.begin(request, response, authentication);
                            if (step.isPresent()) {
                                response.sendRedirect(request.getContextPath() + step.get());
                            } else {
                                onward.onAuthenticationSuccess(request, response, authentication);
                            }
                        })
                        // a wrong password counts towards a lockout (SignInGuard); a locked person is told so
                        .failureHandler((request, response, e) -> {
                            boolean locked = e instanceof LockedException
                                    || e instanceof BadCredentialsException
                                    && (guard.failed(request.getParameter("username")).isPresent()
                                    | operators.failed(request.getParameter("username")).isPresent());
                            SecurityEvents.log("authentication_failed", request, locked ? "locked out" : "sign-in");
                            response.sendRedirect(request.getContextPath() + (locked ? "/login?locked" : "/login?error"));
                        }));
        hardenHeaders(http);
        return http.build();
    }

    /** The catch-all chain, last: every chain before it matches its own paths only (SECURITY.md, "Filter chains"). */
    @Bean
    @Order(100)
    SecurityFilterChain api(HttpSecurity http, PersonAccess people) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error",
                                "/favicon.ico")
                        .permitAll()
                        // occupants: protected by their payment-link token, checked by the endpoint (PaymentLinks)
                        .requestMatchers("/pay/**").permitAll()
                        // sign-up: no tenant exists yet; limited per address, unusable until verified (SignUps)
                        .requestMatchers(HttpMethod.POST, "/api/signups", "/api/signups/verification").permitAll()
                        // the public home page and the sign-up pages (SignUpPages): no tenant's data
                        .requestMatchers(HttpMethod.GET, "/", "/signup", "/signup/verify").permitAll()
                        .requestMatchers(HttpMethod.POST, "/signup", "/signup/verify").permitAll()
                        // an invitation: the mailed single-use link is the credential (Invitations)
                        .requestMatchers(HttpMethod.POST, "/api/invitations/acceptance", "/invitation").permitAll()
                        .requestMatchers(HttpMethod.GET, "/invitation").permitAll()
                        // an operator's invitation: the same, for the platform's operators (PlatformPeople)
                        .requestMatchers(HttpMethod.POST, "/api/invitations/operator-acceptance",
                                PlatformPeople.INVITATION_PAGE).permitAll()
                        .requestMatchers(HttpMethod.GET, PlatformPeople.INVITATION_PAGE).permitAll()
                        // a password reset: one answer for every address; the mailed single-use link is the
                        // credential for the new password (PasswordResets)
                        .requestMatchers(HttpMethod.POST, "/api/password-reset", "/api/password-reset/completion",
                                "/password-reset", "/password-reset/new").permitAll()
                        .requestMatchers(HttpMethod.GET, "/password-reset", "/password-reset/new").permitAll()
                        // the local run's mailbox: loopback only, and only while the embedded mail sink runs
                        .requestMatchers(HttpMethod.GET, "/dev/mailbox").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> {
                            // a deactivated person's token is refused at once, not when it expires (PersonAccess)
                            if (!people.allows(token)) {
                                throw new InvalidBearerTokenException("the person's access was taken away");
                            }
                            return authentication(token);
                        }))
                        .authenticationEntryPoint((request, response, e) -> {
                            SecurityEvents.log("authentication_failed", request, reasonOf(e));
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"meterledger\"");
                            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized",
                                    "Authentication required", "a valid bearer token is required", null);
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            SecurityEvents.log("access_denied", request, e.getMessage());
                            ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
                                    "Forbidden", "the token does not allow this", null);
                        }))
                .cors(Customizer.withDefaults()) // the corsFilter bean (HardeningConfiguration)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        hardenHeaders(http);
        return http.build();
    }

    private static String reasonOf(AuthenticationException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * {@code Referrer-Policy: same-origin}: no address (and so no payment-link token in it) ever leaves for another
     * site, while the browser still names our own origin on our own form posts. With {@code no-referrer} Chromium
     * posts forms with {@code Origin: null}, which made the occupant's Pay button answer 403.
     */
    static void hardenHeaders(HttpSecurity http) throws Exception {
        hardenHeaders(http, ContentSecurityPolicy.DEFAULT);
    }

    /** The same headers with a page policy of the chain's own (the web UI's, whose sign-out may leave for the issuer). */
    static void hardenHeaders(HttpSecurity http, String contentSecurityPolicy) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(
                        "camera=(), microphone=(), geolocation=(), payment=(self)"))
                .frameOptions(frames -> frames.deny())
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }

    /** {@code hasPermission(#id, 'account', 'manage')}: a property manager's scope, see {@link PropertyScopePermissions}. */
    @Bean
    static PropertyScopePermissions propertyScopePermissions(ObjectProvider<QueryGateway> queries) {
        return new PropertyScopePermissions(queries::getObject);
    }

    @Bean
    static MethodSecurityExpressionHandler methodSecurityExpressionHandler(PropertyScopePermissions permissions,
                                                                           ApplicationContext context) {
        DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
        handler.setPermissionEvaluator(permissions);
        handler.setApplicationContext(context);
        return handler;
    }

    /** Method-security refusals become events, which {@link SecurityEvents} logs. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    static AbstractAuthenticationToken authentication(Jwt jwt) {
        List<String> roles = jwt.hasClaim(Caller.ROLES_CLAIM) ? jwt.getClaimAsStringList(Caller.ROLES_CLAIM) : List.of();
        return new JwtAuthenticationToken(jwt, roles.stream().filter(Roles.ALL::contains)
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(), jwt.getSubject());
    }

    /** Signature (by the decoder), expiry and not-before, issuer, audience. */
    static OAuth2TokenValidator<Jwt> validator(AuthProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(StringUtils.hasText(properties.issuer())
                ? JwtValidators.createDefaultWithIssuer(properties.issuer())
                : JwtValidators.createDefault());
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audience -> audience != null && audience.contains(properties.audience())));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Production: trust an external OIDC issuer, keys from its discovery document. */
    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "false")
    JwtDecoder externalJwtDecoder(AuthProperties properties) {
        if (!StringUtils.hasText(properties.issuer())) {
            throw new IllegalStateException("meterledger.auth.issuer must name the trusted issuer");
        }
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(properties.issuer());
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthProperties properties) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (StringUtils.hasText(properties.issuer())) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    PeopleSignIn peopleSignIn(StaffDirectory staff, SignInGuard guard, PlatformPeople operators) {
        return new PeopleSignIn(staff, guard, operators);
    }

    /**
     * Clients as data (SECURITY.md, "Machine clients"): Spring Authorization Server's own JDBC repository over
     * {@code oauth2_registered_client}, holding the login client (seeded here from configuration, idempotently) and the
     * tenants' own API and gateway clients ({@code tenant-admin} {@code client/MachineClients}).
     */
    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    RegisteredClientRepository registeredClients(AuthProperties properties, JdbcTemplate jdbc,
                                                 PlatformTransactionManager transactions) {
        JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
        ConfiguredClients.seed(properties, clients, jdbc, transactions);
        return clients;
    }

    /** A deactivated person's authorizations end, and their tokens are refused at once (so are those of a person the
     * second-factor policy now covers without one). */
    @Bean
    PersonAccess personAccess(JdbcTemplate jdbc, StaffDirectory staff, SignInSteps signIn, PlatformPeople operators) {
        return new PersonAccess(jdbc, staff, signIn, operators);
    }

    /** Codes, access and refresh tokens the issuer granted, shared by every node (a refresh token is revocable). */
    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    IssuerHousekeeping issuerHousekeeping(JdbcTemplate jdbc) {
        return new IssuerHousekeeping(jdbc, java.time.Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    OAuth2AuthorizationConsentService consents(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /**
     * Access tokens carry our audience, the tenant, the roles and a manager's properties: a client's from its
     * registration, a person's from their membership, an operator's from their row. Nothing the requester sends can
     * change them.
     */
    @Bean
    @ConditionalOnProperty(name = "meterledger.auth.embedded-issuer", havingValue = "true")
    OAuth2TokenCustomizer<JwtEncodingContext> tenantClaims(AuthProperties properties, PeopleSignIn people) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            AuthProperties.Grant grant;
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                IssuerClients.Grant client = IssuerClients.grantOf(context.getRegisteredClient());
                grant = new AuthProperties.Client(context.getRegisteredClient().getClientId(), client.tenant(),
                        client.roles(), client.properties());
            } else {
                String name = context.getPrincipal().getName();
                grant = people.grantOf(name).<AuthProperties.Grant>map(person -> person)
                        .or(() -> people.operatorGrantOf(name)).orElse(null);
            }
            context.getClaims().audience(List.of(properties.audience()));
            if (grant == null) {
                context.getClaims().claim(Caller.ROLES_CLAIM, List.of());
                return;
            }
            if (StringUtils.hasText(grant.tenant())) {
                context.getClaims().claim(Caller.TENANT_CLAIM, grant.tenant());
            }
            context.getClaims().claim(Caller.ROLES_CLAIM, grant.roles());
            if (grant instanceof PeopleSignIn.PersonGrant person) {
                context.getClaims().claim(Caller.NAME_CLAIM, person.name());
            }
            if (grant instanceof PeopleSignIn.OperatorGrant operator) {
                context.getClaims().claim(Caller.NAME_CLAIM, operator.name());
            }
            if (!grant.properties().isEmpty()) {
                context.getClaims().claim(Caller.PROPERTIES_CLAIM, grant.properties());
            }
        };
    }
}
