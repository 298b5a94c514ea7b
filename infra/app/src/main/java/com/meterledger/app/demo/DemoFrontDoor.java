package com.meterledger.app.demo;

import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantSummary;
import com.meterledger.edge.security.Roles;
import com.meterledger.embedded.EmbeddedMailSink;
import com.meterledger.tenantadmin.client.IssuerClients;
import com.meterledger.tenantadmin.client.MachineClients;
import com.meterledger.tenantadmin.people.Invitations;
import com.meterledger.tenantadmin.people.People;
import com.meterledger.tenantadmin.people.StaffGrants;
import com.meterledger.tenantadmin.signup.SignUpRequest;
import com.meterledger.tenantadmin.signup.SignUps;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.meterledger.edge.security.Caller;
import com.meterledger.tenantadmin.people.SignInSteps;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The demo's people and machines made through the doors a person uses, each step skipped when what it makes exists:
 * the sign-up service (whose verification link the seeding reads from the local mail sink, as the administrator
 * would, and opens with the demo password), the people service (an invitation by the administrator, accepted from
 * its mail), the machine-client service (with the ids and secrets the README publishes) and, for the platform's own
 * client, the issuer's client repository. No table is written here.
 */
final class DemoFrontDoor {
    private static final Logger log = LoggerFactory.getLogger(DemoFrontDoor.class);
    private static final Pattern VERIFICATION = Pattern.compile("/signup/verify\\?token=([A-Za-z0-9._-]+)");
    private static final Pattern INVITATION = Pattern.compile("/invitation\\?token=([A-Za-z0-9._-]+)");
    /** The sign-up throttle's key for the seeding (its limit counts sign-ups per client address). */
    private static final String SEEDING_ADDRESS = "demo-seeding";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(20);

    private final SignUps signUps;
    private final TenantDirectory directory;
    private final People people;
    private final Invitations invitations;
    private final MachineClients machineClients;
    private final RegisteredClientRepository issuerClients;
    private final EmbeddedMailSink mailbox;
    private final Duration tokenTimeToLive;

    DemoFrontDoor(SignUps signUps, TenantDirectory directory, People people, Invitations invitations,
                  MachineClients machineClients, RegisteredClientRepository issuerClients, EmbeddedMailSink mailbox,
                  Duration tokenTimeToLive) {
        this.signUps = signUps;
        this.directory = directory;
        this.people = people;
        this.invitations = invitations;
        this.machineClients = machineClients;
        this.issuerClients = issuerClients;
        this.mailbox = mailbox;
        this.tokenTimeToLive = tokenTimeToLive;
    }

    /** @return whether the tenant is verified (now or before); false: signed up earlier, its link lost */
    boolean signedUpAndVerified(DemoTenants.Tenant tenant) {
        Optional<TenantStatus> status = directory.find(tenant.id()).map(TenantSummary::status);
        if (status.isEmpty()) {
            int asked = mailbox.messages().size();
            signUps.signUp(new SignUpRequest(tenant.organisation(), tenant.id().value(), tenant.country(),
                    tenant.currency(), tenant.zone(), tenant.language(), tenant.administrator().name(),
                    tenant.administrator().email()), SEEDING_ADDRESS);
            signUps.verify(link(tenant.administrator().email(), VERIFICATION, asked), DemoTenants.PASSWORD);
            log.info("Demo tenant '{}' signed up and verified by {}", tenant.id(), tenant.administrator().email());
            return true;
        }
        if (status.get() == TenantStatus.SIGNED_UP) {
            log.warn("Demo tenant '{}' signed up earlier but was never verified (its link is gone with the mail sink); "
                    + "start once with --meterledger.reset=true to make the demo again", tenant.id());
            return false;
        }
        return true;
    }

    /** Invites every demo person the tenant lacks, as its administrator, and accepts from the mail. */
    void staff(DemoTenants.Tenant tenant) {
        asAdministrator(tenant, () -> invite(tenant));
    }

    private void invite(DemoTenants.Tenant tenant) {
        Set<String> members = people.list(tenant.id()).stream().map(person -> person.email().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        StaffGrants.Granter administrator = new StaffGrants.Granter(List.of(Roles.TENANT_ADMIN), List.of());
        for (DemoTenants.Person person : tenant.people()) {
            if (members.contains(person.email())) {
                continue;
            }
            int asked = mailbox.messages().size();
            people.invite(tenant.id(), new People.NewPerson(person.name(), person.email(), person.roles(),
                    person.properties()), administrator);
            invitations.accept(link(person.email(), INVITATION, asked), DemoTenants.PASSWORD);
            log.info("Demo person {} joined '{}' as {}", person.email(), tenant.id(), person.roles());
        }
    }

    /** Makes every demo client the tenant lacks, with its published id and secret, as its administrator. */
    void clients(DemoTenants.Tenant tenant) {
        asAdministrator(tenant, () -> makeClients(tenant));
    }

    private void makeClients(DemoTenants.Tenant tenant) {
        Set<String> made = machineClients.list(tenant.id()).stream().map(MachineClients.ClientView::clientId)
                .collect(Collectors.toSet());
        for (DemoTenants.Client client : tenant.clients()) {
            if (made.contains(client.clientId())) {
                continue;
            }
            machineClients.createKnown(tenant.id(), new MachineClients.NewClient(client.clientId(), client.kind().name(),
                    client.roles(), client.properties()), List.of(Roles.TENANT_ADMIN), client.clientId(),
                    client.secret());
            log.info("Demo client {} made for '{}' ({})", client.clientId(), tenant.id(), client.roles());
        }
    }

    /**
     * Runs the work as the tenant's first administrator would be signed in (their person id, the tenant and the role in
     * a token the process makes for itself, never issued or sent anywhere), so that every command names that person
     * as its actor, as when they invite and make clients on the pages.
     */
    private void asAdministrator(DemoTenants.Tenant tenant, Runnable work) {
        String personId = people.list(tenant.id()).stream()
                .filter(person -> person.email().equalsIgnoreCase(tenant.administrator().email()))
                .map(People.PersonView::personId).findFirst()
                .orElseThrow(() -> new IllegalStateException("the administrator of " + tenant.id() + " is missing"));
        Jwt token = Jwt.withTokenValue("demo-seeding").header("alg", "none")
                .subject(SignInSteps.PERSON_PREFIX + personId)
                .claim(Caller.TENANT_CLAIM, tenant.id().value())
                .claim(Caller.ROLES_CLAIM, List.of(Roles.TENANT_ADMIN))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofMinutes(5))).build();
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext administrator = SecurityContextHolder.createEmptyContext();
        administrator.setAuthentication(new JwtAuthenticationToken(token,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.TENANT_ADMIN))));
        SecurityContextHolder.setContext(administrator);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    /** The platform operator's client: no tenant's, so it lives in the issuer's client table only. */
    void platformClient(String clientId, String secret) {
        if (issuerClients.findByClientId(clientId) != null) {
            return;
        }
        issuerClients.save(IssuerClients.clientCredentials(clientId, clientId, IssuerClients.SECRETS.encode(secret),
                null, List.of(Roles.PLATFORM_ADMIN), List.of(), null, tokenTimeToLive));
        log.info("Demo platform client {} made", clientId);
    }

    /** The token of the newest link mailed to the address after the sink held {@code before} mails, as a person opens it. */
    private String link(String address, Pattern pattern, int before) {
        return mailbox.awaitMatch(address, pattern, before, MAIL_WAIT).orElseThrow(() -> new IllegalStateException(
                "no mail to " + address + " reached the local mail sink within " + MAIL_WAIT));
    }
}
