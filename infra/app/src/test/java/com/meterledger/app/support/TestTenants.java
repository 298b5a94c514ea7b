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
import com.meterledger.api.registry.PropertyId;
import com.meterledger.tenantadmin.people.Invitations;
import com.meterledger.tenantadmin.people.People;
import com.meterledger.tenantadmin.people.StaffGrants;
import com.meterledger.tenantadmin.platform.PlatformPeople;
import com.meterledger.tenantadmin.registry.Registry;
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
 * The tests' tenants, people and machine clients, made once per application context through the doors the demo
 * seeding uses (issues 15 and 16, item 7: configuration holds no client and no person): the sign-up service and the
 * verification link from the mail sink, the settings command and the people service as the tenant's administrator
 * (each invitation accepted from its mail), the operators' service, and the machine-client service with the ids and
 * secrets {@link TestTokens} and the tests have always used. Every step is skipped when what it makes exists, so a
 * second context on the same database makes nothing twice. The people's addresses and password are
 * {@link TestPeople}'s.
 *
 * <ul>
 *     <li>{@code tenant-a}, {@code tenant-b}, {@code tenant-f} and {@code tenant-s} sign up and verify; their friendly
 *     hours are set through the settings command (tenant-f: every moment; the others: none, as the test profile's
 *     default gives).</li>
 *     <li>{@code tenant-a} and {@code tenant-s} leave the language to each reader
 *     ({@link TenantSettings#EACH_READERS_OWN}, a choice on the settings page): the tests read their pages in the
 *     browser's language ({@code Chromium.phone("zh-CN")} on tenant-a pages expects Chinese, the desktop English),
 *     which a tenant's fixed language would outrank ({@code LanguageChoice}).</li>
 *     <li>tenant-a's administrator invites a property manager (of {@code managed-a}, made first if missing), a finance
 *     person and an auditor. No person holds {@code GATEWAY}: a gateway is a machine client.</li>
 *     <li>{@code tenant-n} is the one tenant that is not data (a claim in its client's token only, as an external
 *     issuer may name): the tests of the platform's defaults for such a tenant use it.</li>
 *     <li>The tenants a test signs up itself (tenant-z, billing-v, ...) get their clients right after that test's
 *     verification ({@link SignedUpTenants#signUpAndVerify}), as their administrator.</li>
 *     <li>The platform's operator ({@link TestPeople#OPERATOR}) is made by the operators' service, as production's
 *     bootstrap and the demo make theirs; the operator's client ({@code platform-admin}), no tenant's, lives in the
 *     issuer's client table only, as the demo's {@code demo-platform}.</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestTenants {
    private static final Logger log = LoggerFactory.getLogger(TestTenants.class);
    private static final Pattern VERIFICATION = Pattern.compile("/signup/verify\\?token=([A-Za-z0-9._-]+)");
    private static final Pattern INVITATION = Pattern.compile("/invitation\\?token=([A-Za-z0-9._-]+)");
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

    /**
     * A tenant that signs up here: its administrator's address, and the friendly hours and language setting its tests
     * expect.
     */
    record SignedUpTenant(String slug, String administratorEmail, FriendlyHours friendlyHours, String language) {
    }

    /** A person a tenant's administrator invites here. */
    record Invitee(String tenant, String email, String name, String role, List<String> properties) {
    }

    private static final FriendlyHours NONE = new FriendlyHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, false,
            List.of());
    private static final FriendlyHours ALWAYS = new FriendlyHours(LocalTime.MIDNIGHT, LocalTime.of(23, 59), true,
            List.of());

    static final List<SignedUpTenant> SIGNED_UP = List.of(
            new SignedUpTenant(IntegrationTest.TENANT_A, TestPeople.ADMIN_A, NONE, TenantSettings.EACH_READERS_OWN),
            new SignedUpTenant(IntegrationTest.TENANT_B, TestPeople.ADMIN_B, NONE, "en"),
            new SignedUpTenant(IntegrationTest.TENANT_WITH_FRIENDLY_WINDOW, TestPeople.ADMIN_F, ALWAYS, "en"),
            new SignedUpTenant(IntegrationTest.TENANT_ON_STRIPE_SANDBOX, TestPeople.ADMIN_S, NONE,
                    TenantSettings.EACH_READERS_OWN));

    /** The property tenant-a's manager looks after (its manager client's too). */
    static final String MANAGED_A = "managed-a";

    static final List<Invitee> INVITED = List.of(
            new Invitee(IntegrationTest.TENANT_A, TestPeople.MANAGER_A, "Test Manager", Roles.PROPERTY_MANAGER,
                    List.of(MANAGED_A)),
            new Invitee(IntegrationTest.TENANT_A, TestPeople.FINANCE_A, "Test Finance", Roles.FINANCE, List.of()),
            new Invitee(IntegrationTest.TENANT_A, TestPeople.AUDITOR_A, "Test Auditor", Roles.AUDITOR, List.of()));

    /** Every tenant's clients, the ids and secrets {@link TestTokens} and {@code RoleTokens} use. */
    static final Map<String, List<Client>> CLIENTS = Map.ofEntries(
            Map.entry(IntegrationTest.TENANT_A, staffClients("a", "test-secret-a")),
            Map.entry(IntegrationTest.TENANT_B, staffClients("b", "test-secret-b")),
            Map.entry(IntegrationTest.TENANT_WITH_FRIENDLY_WINDOW,
                    List.of(Client.api("tenant-f-admin", "test-secret-f", Roles.TENANT_ADMIN))),
            Map.entry(IntegrationTest.TENANT_ON_STRIPE_SANDBOX,
                    List.of(Client.api("tenant-s-admin", "test-secret-s", Roles.TENANT_ADMIN))),
            Map.entry(IntegrationTest.TENANT_NOT_DATA,
                    List.of(Client.api("tenant-n-admin", "test-secret-n", Roles.TENANT_ADMIN))),
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
    private final Invitations invitations;
    private final Registry registry;
    private final PlatformPeople operators;
    private final MachineClients machineClients;
    private final RegisteredClientRepository issuerClients;
    private final CommandGateway commands;
    private final EmbeddedMailSink mailbox;
    private final Duration tokenTimeToLive;

    TestTenants(SignUps signUps, TenantDirectory directory, People people, Invitations invitations, Registry registry,
                PlatformPeople operators, MachineClients machineClients, RegisteredClientRepository issuerClients,
                CommandGateway commands, EmbeddedMailSink mailbox,
                @Value("${meterledger.auth.token-time-to-live:30m}") Duration tokenTimeToLive) {
        this.signUps = signUps;
        this.directory = directory;
        this.people = people;
        this.invitations = invitations;
        this.registry = registry;
        this.operators = operators;
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
                        "en", TestPeople.ADMINISTRATOR_NAME, tenant.administratorEmail()), SEEDING_ADDRESS);
                signUps.verify(link(tenant.administratorEmail(), VERIFICATION, asked), TestPeople.PASSWORD);
            }
            asAdministrator(id, administratorOf(id, tenant.administratorEmail()), () -> {
                TenantSettings settings = directory.settingsOf(id).orElseThrow();
                if (!settings.friendlyHours().equals(tenant.friendlyHours())
                        || !settings.language().equals(tenant.language())) {
                    commands.sendAndWait(new ChangeTenantSettings(id, new TenantSettings(settings.zone(),
                            tenant.language(), tenant.friendlyHours(), settings.payments(),
                            settings.adjustmentApprovalLimitMinor(), settings.smsSenderName())));
                }
                return null;
            });
        }
        Instant tenantsMade = Instant.now();
        invitePeople();
        operators.addWithPassword("Test Operator", TestPeople.OPERATOR, TestPeople.PASSWORD, "test-seeding");
        Instant peopleMade = Instant.now();
        for (String tenant : List.of(IntegrationTest.TENANT_A, IntegrationTest.TENANT_B,
                IntegrationTest.TENANT_WITH_FRIENDLY_WINDOW, IntegrationTest.TENANT_ON_STRIPE_SANDBOX,
                IntegrationTest.TENANT_NOT_DATA)) {
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
        log.info("Test tenants, people and machine clients made through the front door in {} ms (sign-ups and "
                        + "settings {} ms, people {} ms, clients {} ms)", Duration.between(started, done).toMillis(),
                Duration.between(started, tenantsMade).toMillis(), Duration.between(tenantsMade, peopleMade).toMillis(),
                Duration.between(peopleMade, done).toMillis());
    }

    /** Every invitee a tenant lacks, invited by its administrator and accepted from the mail with the test password. */
    private void invitePeople() {
        for (Invitee invitee : INVITED) {
            TenantId tenant = new TenantId(invitee.tenant());
            String administrator = SIGNED_UP.stream().filter(signedUp -> signedUp.slug().equals(invitee.tenant()))
                    .findFirst().map(signedUp -> administratorOf(tenant, signedUp.administratorEmail()))
                    .orElseThrow();
            asAdministrator(tenant, administrator, () -> {
                boolean member = people.list(tenant).stream()
                        .anyMatch(person -> person.email().equalsIgnoreCase(invitee.email()));
                if (member) {
                    return null;
                }
                for (String property : invitee.properties()) {
                    if (registry.property(tenant, new PropertyId(property)).isEmpty()) {
                        registry.addProperty(tenant, new PropertyId(property), "Managed " + property, null);
                    }
                }
                int asked = mailbox.messages().size();
                people.invite(tenant, new People.NewPerson(invitee.name(), invitee.email(), List.of(invitee.role()),
                        invitee.properties()), new StaffGrants.Granter(List.of(Roles.TENANT_ADMIN), List.of()));
                invitations.accept(link(invitee.email(), INVITATION, asked), TestPeople.PASSWORD);
                return null;
            });
        }
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

    /** The token of the newest link mailed to the address after the sink held {@code before} mails. */
    private String link(String address, Pattern pattern, int before) {
        return mailbox.awaitMatch(address, pattern, before, MAIL_WAIT).orElseThrow(() -> new IllegalStateException(
                "no mail to " + address + " matching " + pattern + " within " + MAIL_WAIT));
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
