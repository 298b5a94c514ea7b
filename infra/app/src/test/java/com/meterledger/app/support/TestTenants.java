package com.meterledger.app.support;

import com.meterledger.api.client.MachineClientKind;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantSettings;
import com.meterledger.api.tenant.FriendlyHours;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.edge.security.Caller;
import com.meterledger.edge.security.Roles;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.client.IssuerClients;
import com.meterledger.tenantadmin.client.MachineClients;
import com.meterledger.tenantadmin.people.People;
import com.meterledger.tenantadmin.people.SignInSteps;
import com.meterledger.tenantadmin.signup.SignUpRequest;
import com.meterledger.tenantadmin.signup.SignUps;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tests' tenants and machine clients, made once per application context through the doors the demo seeding uses
 * (issues 15 and 16: configuration holds no client): the sign-up service and the verification link from the mail sink,
 * the settings command as the tenant's administrator, and the machine-client service with the ids and secrets
 * {@link TestTokens} and the tests have always used. Every step is skipped when what it makes exists, so a second
 * context on the same database makes nothing twice.
 *
 * <ul>
 *     <li>{@code tenant-b} (the second tenant) and {@code tenant-f} sign up and verify; their friendly hours are set
 *     through the settings command (tenant-f: every moment, the old {@code meterledger.supply.calendars.tenant-f};
 *     tenant-b: none, as the test profile's default gave it).</li>
 *     <li>{@code tenant-a} and {@code tenant-s} stay tenants that are not data (a claim in their clients' tokens): the
 *     tests read their pages in the browser's language ({@code Chromium.phone("zh-CN")} on tenant-a pages expects
 *     Chinese, the desktop English), which only a tenant without a language setting gives
 *     ({@code LanguageChoice}: the tenant's setting outranks the browser).</li>
 *     <li>The tenants a test signs up itself (tenant-z, billing-v, ...) get their clients right after that test's
 *     verification ({@link SignedUpTenants#signUpAndVerify}), as their administrator.</li>
 *     <li>The platform operator's client ({@code platform-admin}), no tenant's, lives in the issuer's client table only,
 *     as the demo's {@code demo-platform}.</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestTenants {
    private static final Logger log = LoggerFactory.getLogger(TestTenants.class);
    private static final Pattern VERIFICATION = Pattern.compile("/signup/verify\\?token=([A-Za-z0-9._-]+)");
    /** The sign-up throttle's key for this seeding (the test profile allows 1000 sign-ups an hour per key). */
    private static final String SEEDING_ADDRESS = "test-seeding";
    private static final String SECRET = "test-secret";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(20);
    /** Which context's services make the clients of a tenant a test signs up, found by that context's mail sink. */
    private static final Map<EmbeddedMailSink, TestTenants> CONTEXTS =
            Collections.synchronizedMap(new IdentityHashMap<>());

    record Client(String clientId, String secret, MachineClientKind kind, String role, List<String> properties) {
        static Client api(String clientId, String secret, String role) {
            return new Client(clientId, secret, MachineClientKind.API, role, List.of());
        }

        static Client gateway(String clientId) {
            return new Client(clientId, SECRET, MachineClientKind.GATEWAY, Roles.GATEWAY, List.of());
        }
    }

    /** A tenant that signs up here: its administrator's address and the friendly hours its tests expect. */
    record SignedUpTenant(String slug, String administratorEmail, FriendlyHours friendlyHours) {
    }

    private static final FriendlyHours NONE = new FriendlyHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, false,
            List.of());
    private static final FriendlyHours ALWAYS = new FriendlyHours(LocalTime.MIDNIGHT, LocalTime.of(23, 59), true,
            List.of());

    static final List<SignedUpTenant> SIGNED_UP = List.of(
            new SignedUpTenant(IntegrationTest.TENANT_B, "admin@tenant-b.test", NONE),
            new SignedUpTenant(IntegrationTest.TENANT_WITH_FRIENDLY_WINDOW, "admin@tenant-f.test", ALWAYS));

    /** Every tenant's clients, the ids and secrets {@link TestTokens} and {@code RoleTokens} use. */
    static final Map<String, List<Client>> CLIENTS = Map.ofEntries(
            Map.entry(IntegrationTest.TENANT_A, staffClients("a", "test-secret-a")),
            Map.entry(IntegrationTest.TENANT_B, staffClients("b", "test-secret-b")),
            Map.entry(IntegrationTest.TENANT_WITH_FRIENDLY_WINDOW,
                    List.of(Client.api("tenant-f-admin", "test-secret-f", Roles.TENANT_ADMIN))),
            Map.entry(IntegrationTest.TENANT_ON_STRIPE_SANDBOX,
                    List.of(Client.api("tenant-s-admin", "test-secret-s", Roles.TENANT_ADMIN))),
            // signed up by the tests themselves: TenantSuspensionTest, WebhookSecretTest, ApiSweepTest,
            // SubscriptionBillingTest, TenantClosureTest, TenantPurgeTest
            Map.entry("tenant-z", List.of(admin("tenant-z"), Client.gateway("tenant-z-gateway"))),
            Map.entry("tenant-y", List.of(admin("tenant-y"))),
            Map.entry("tenant-w", List.of(admin("tenant-w"))),
            Map.entry("billing-v", List.of(admin("billing-v"), Client.gateway("billing-v-gateway"))),
            Map.entry("billing-u", List.of(admin("billing-u"))),
            Map.entry("billing-c", List.of(admin("billing-c"))),
            Map.entry("export-x", List.of(admin("export-x"))),
            Map.entry("purge-p", List.of(admin("purge-p"))));
    static final String PLATFORM_CLIENT = "platform-admin";

    private final SignUps signUps;
    private final TenantDirectory directory;
    private final People people;
    private final MachineClients machineClients;
    private final RegisteredClientRepository issuerClients;
    private final CommandGateway commands;
    private final EmbeddedMailSink mailbox;
    private final Duration tokenTimeToLive;

    TestTenants(SignUps signUps, TenantDirectory directory, People people, MachineClients machineClients,
                RegisteredClientRepository issuerClients, CommandGateway commands, EmbeddedMailSink mailbox,
                @Value("${meterledger.auth.token-time-to-live:30m}") Duration tokenTimeToLive) {
        this.signUps = signUps;
        this.directory = directory;
        this.people = people;
        this.machineClients = machineClients;
        this.issuerClients = issuerClients;
        this.commands = commands;
        this.mailbox = mailbox;
        this.tokenTimeToLive = tokenTimeToLive;
    }

    /** Before any test runs: the context answers only after its ready listeners. */
    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        Instant started = Instant.now();
        CONTEXTS.put(mailbox, this);
        for (SignedUpTenant tenant : SIGNED_UP) {
            TenantId id = new TenantId(tenant.slug());
            if (directory.find(id).isEmpty()) {
                int asked = mailbox.messages().size();
                signUps.signUp(new SignUpRequest("Test group " + tenant.slug(), tenant.slug(), "DE", "EUR", "UTC",
                        "en", "Test Administrator", tenant.administratorEmail()), SEEDING_ADDRESS);
                signUps.verify(link(tenant.administratorEmail(), asked), SignedUpTenants.PASSWORD);
            }
            asAdministrator(id, administratorOf(id, tenant.administratorEmail()), () -> {
                TenantSettings settings = directory.settingsOf(id).orElseThrow();
                if (!settings.friendlyHours().equals(tenant.friendlyHours())) {
                    commands.sendAndWait(new ChangeTenantSettings(id, new TenantSettings(settings.zone(),
                            settings.language(), tenant.friendlyHours(), settings.payments(),
                            settings.adjustmentApprovalLimitMinor(), settings.smsSenderName())));
                }
                return null;
            });
        }
        Instant tenantsMade = Instant.now();
        for (String tenant : List.of(IntegrationTest.TENANT_A, IntegrationTest.TENANT_B,
                IntegrationTest.TENANT_WITH_FRIENDLY_WINDOW, IntegrationTest.TENANT_ON_STRIPE_SANDBOX)) {
            TenantId id = new TenantId(tenant);
            Optional<String> administrator = SIGNED_UP.stream().filter(signedUp -> signedUp.slug().equals(tenant))
                    .findFirst().map(signedUp -> administratorOf(id, signedUp.administratorEmail()));
            makeClients(id, administrator.orElse(null));
        }
        if (issuerClients.findByClientId(PLATFORM_CLIENT) == null) {
            issuerClients.save(IssuerClients.clientCredentials(PLATFORM_CLIENT, PLATFORM_CLIENT,
                    IssuerClients.SECRETS.encode(SECRET), null, List.of(Roles.PLATFORM_ADMIN), List.of(), null,
                    tokenTimeToLive));
        }
        Instant done = Instant.now();
        log.info("Test tenants and their machine clients made through the front door in {} ms (sign-ups and "
                        + "settings {} ms, clients {} ms)", Duration.between(started, done).toMillis(),
                Duration.between(started, tenantsMade).toMillis(), Duration.between(tenantsMade, done).toMillis());
    }

    /**
     * The clients of a tenant a test has just signed up and verified, made by its administrator through the client
     * service; nothing for a tenant without test clients (most tests' sign-ups).
     */
    static void afterSignUp(EmbeddedMailSink mailbox, String slug, String administratorEmail) {
        TestTenants context = CONTEXTS.get(mailbox);
        if (context == null || !CLIENTS.containsKey(slug)) {
            return;
        }
        TenantId id = new TenantId(slug);
        context.makeClients(id, context.administratorOf(id, administratorEmail));
    }

    /** @param personId the administrator who makes them; null: a tenant that is not data, made by this seeding */
    private void makeClients(TenantId tenant, String personId) {
        asAdministrator(tenant, personId, () -> {
            Set<String> made = machineClients.list(tenant).stream().map(MachineClients.ClientView::clientId)
                    .collect(Collectors.toSet());
            for (Client client : CLIENTS.get(tenant.value())) {
                if (!made.contains(client.clientId())) {
                    machineClients.createKnown(tenant, new MachineClients.NewClient(client.clientId(),
                                    client.kind().name(), List.of(client.role()), client.properties()),
                            List.of(Roles.TENANT_ADMIN), client.clientId(), client.secret());
                }
            }
            return null;
        });
    }

    private String administratorOf(TenantId tenant, String email) {
        return people.list(tenant).stream().filter(person -> person.email().equalsIgnoreCase(email))
                .map(People.PersonView::personId).findFirst()
                .orElseThrow(() -> new IllegalStateException("the administrator of " + tenant + " is missing"));
    }

    /**
     * Runs the work as the tenant's administrator would be signed in (a token the test process makes for itself, never
     * issued), so every command names that person as its actor, as the demo seeding does; a tenant that is not data
     * has no person, and its work names this seeding.
     */
    private <T> T asAdministrator(TenantId tenant, String personId, Supplier<T> work) {
        Jwt token = Jwt.withTokenValue("test-seeding").header("alg", "none")
                .subject(personId == null ? "test-seeding" : SignInSteps.PERSON_PREFIX + personId)
                .claim(Caller.TENANT_CLAIM, tenant.value())
                .claim(Caller.ROLES_CLAIM, List.of(Roles.TENANT_ADMIN))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofMinutes(5))).build();
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext administrator = SecurityContextHolder.createEmptyContext();
        administrator.setAuthentication(new JwtAuthenticationToken(token,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.TENANT_ADMIN))));
        SecurityContextHolder.setContext(administrator);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    /** The token of the newest verification link mailed to the address after the sink held {@code before} mails. */
    private String link(String address, int before) {
        return mailbox.awaitMatch(address, VERIFICATION, before, MAIL_WAIT).orElseThrow(() -> new IllegalStateException(
                "no verification mail to " + address + " within " + MAIL_WAIT));
    }

    private static List<Client> staffClients(String letter, String adminSecret) {
        String prefix = "tenant-" + letter;
        return List.of(Client.api(prefix + "-admin", adminSecret, Roles.TENANT_ADMIN),
                new Client(prefix + "-manager", SECRET, MachineClientKind.API, Roles.PROPERTY_MANAGER,
                        List.of("managed-" + letter)),
                Client.api(prefix + "-finance", SECRET, Roles.FINANCE),
                Client.api(prefix + "-auditor", SECRET, Roles.AUDITOR),
                Client.gateway(prefix + "-gateway"));
    }

    private static Client admin(String tenant) {
        return Client.api(tenant + "-admin", SECRET, Roles.TENANT_ADMIN);
    }
}
