package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.people.ChangePersonRoles;
import com.meterledger.api.people.DeactivatePerson;
import com.meterledger.api.people.InvitePerson;
import com.meterledger.api.people.PersonId;
import com.meterledger.api.people.ReactivatePerson;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.people.StaffRules;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.edge.security.Roles;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant's people as data: its administrators invite a person by e-mail (a mailed, expiring, single-use link; the
 * invitee chooses a password), change their roles and property scope, deactivate and reactivate them, without a
 * restart. What may be granted is judged by {@link StaffGrants}; each change is a command to the member's
 * {@link StaffMember} history, so it is an event with its actor, never with a name, an address or a secret. The rows
 * and the event commit together or not at all: a refused change stores nothing.
 */
@Service
public class People {
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    public static final int EMAIL_MAX = 254;

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final TenantDirectory directory;
    private final InvitationLinks links;
    private final ObjectProvider<AccessEnds> accessEnds;
    private final SecondFactors secondFactors;
    private final Duration invitationTimeToLive;
    private final Clock clock = Clock.systemUTC();

    public People(JdbcClient jdbc, CommandGateway commands, TenantDirectory directory, InvitationLinks links,
                  ObjectProvider<AccessEnds> accessEnds, SecondFactors secondFactors,
                  @Value("${meterledger.people.invitation-time-to-live:72h}") Duration invitationTimeToLive) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.directory = directory;
        this.links = links;
        this.accessEnds = accessEnds;
        this.secondFactors = secondFactors;
        this.invitationTimeToLive = invitationTimeToLive;
    }

    /** Whom to invite, with what. */
    public record NewPerson(String name, String email, List<String> roles, List<String> properties) {
    }

    /** New roles and (a property manager's) properties. */
    public record RolesChange(List<String> roles, List<String> properties) {
    }

    /**
     * A member as the tenant's administrators see them: never a password, a link or a key.
     *
     * @param secondFactor whether the person has a second factor (an administrator can reset a lost one)
     */
    public record PersonView(String personId, String name, String email, List<String> roles, List<String> properties,
                             String state, Instant invitedAt, Instant changedAt, boolean secondFactor) {
    }

    /** An invitation on its way; the link is in the mail only. */
    public record Invited(PersonView person, Instant invitationExpiresAt) {
    }

    /**
     * @throws FieldRejected a malformed name or address, a role or property that may not be granted
     * @throws RuleViolation the person is a member already, the address signs in as a platform operator, or the mail
     *                       could not be sent; nothing stored
     */
    @Transactional
    public Invited invite(TenantId tenant, NewPerson request, StaffGrants.Granter granter) {
        String name = FreeText.require("name", request.name(), FreeText.NAME);
        if (name == null || name.isBlank()) {
            throw new FieldRejected("name", StaffRules.NAME_REQUIRED, "a person needs a name");
        }
        String email = email(request.email());
        StaffGrants.Granted granted = granted(StaffGrants.grant(request.roles(), request.properties(), granter,
                propertiesOf(tenant)));
        Optional<UUID> existing = jdbc.sql("select person_id from staff_person where lower(email) = lower(?)")
                .param(email).query(UUID.class).optional();
        if (existing.isPresent() && memberRow(tenant, existing.get()).isPresent()) {
            throw alreadyMember();
        }
        // sign-in finds a tenant's person before an operator: the operator could no longer sign in as one
        if (jdbc.sql("select exists (select 1 from platform_person where lower(email) = lower(?))").param(email)
                .query(Boolean.class).single()) {
            throw new RuleViolation(StaffRules.ADDRESS_IN_USE,
                    "this address signs in as a platform operator; a person needs an address of their own");
        }
        UUID person = existing.orElseGet(UUID::randomUUID);
        Instant now = clock.instant();
        StaffMemberId member = new StaffMemberId(InvitationLinks.memberId());
        try {
            if (existing.isEmpty()) {
                jdbc.sql("insert into staff_person (person_id, name, email, state) values (?, ?, ?, 'INVITED')")
                        .params(person, name.strip(), email).update();
            }
            jdbc.sql("""
                            insert into staff_membership (tenant_id, person_id, roles, properties, member_id, state,
                                                          invited_at, changed_at)
                            values (?, ?, ?, ?, ?, 'INVITED', ?, ?)""")
                    .params(tenant.value(), person, granted.roles().toArray(String[]::new),
                            granted.properties().toArray(String[]::new), member.value(), Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw alreadyMember();
        }
        commands.sendAndWait(new InvitePerson(member, tenant, new PersonId(person), granted.roles(),
                granted.properties()));
        Instant expiresAt = now.plus(invitationTimeToLive);
        links.send(tenant, person, name.strip(), email, expiresAt, mailLocale(tenant), mailZone(tenant));
        return new Invited(get(tenant, person.toString()), expiresAt);
    }

    @Transactional(readOnly = true)
    public List<PersonView> list(TenantId tenant) {
        return jdbc.sql("""
                        select m.*, p.name, p.email, p.totp_key_sealed is not null or p.totp_secret is not null as second_factor
                        from staff_membership m join staff_person p using (person_id)
                        where m.tenant_id = ? order by lower(p.name), m.person_id""")
                .param(tenant.value()).query(People::view).list();
    }

    @Transactional(readOnly = true)
    public PersonView get(TenantId tenant, String personId) {
        UUID person = personIdOf(personId);
        return jdbc.sql("""
                        select m.*, p.name, p.email, p.totp_key_sealed is not null or p.totp_secret is not null as second_factor
                        from staff_membership m join staff_person p using (person_id)
                        where m.tenant_id = ? and m.person_id = ?""")
                .params(tenant.value(), person).query(People::view).optional()
                .orElseThrow(() -> new NotFound("person", personId));
    }

    /**
     * @throws FieldRejected a role or property that may not be granted
     * @throws RuleViolation the last administrator would lose the role, or the member is deactivated
     */
    @Transactional
    public PersonView changeRoles(TenantId tenant, String personId, RolesChange change,
                                  StaffGrants.Granter granter) {
        PersonView person = get(tenant, personId);
        StaffGrants.Granted granted = granted(StaffGrants.grant(change.roles(), change.properties(), granter,
                propertiesOf(tenant)));
        if ("DEACTIVATED".equals(person.state())) {
            throw new RuleViolation(StaffRules.DEACTIVATED,
                    "a deactivated person's roles are not changed; reactivate them first");
        }
        if (!granter.administrator() && person.roles().contains(Roles.TENANT_ADMIN)) {
            throw new FieldRejected("roles", StaffRules.ADMIN_BY_ADMIN_ONLY,
                    "only a tenant administrator changes an administrator's roles");
        }
        requireAnAdministratorRemains(tenant, person, granted.roles().contains(Roles.TENANT_ADMIN));
        commands.sendAndWait(new ChangePersonRoles(memberOf(tenant, person), granted.roles(), granted.properties()));
        jdbc.sql("""
                        update staff_membership set roles = ?, properties = ?, changed_at = ?
                        where tenant_id = ? and person_id = ?""")
                .params(granted.roles().toArray(String[]::new), granted.properties().toArray(String[]::new),
                        Timestamp.from(clock.instant()), tenant.value(), UUID.fromString(person.personId()))
                .update();
        return get(tenant, personId);
    }

    /**
     * The member signs in for this tenant no more; their sessions and refresh tokens end at once (the issuer's side
     * acts on {@code PersonDeactivated}). Deactivating twice changes nothing the second time.
     *
     * @throws RuleViolation the tenant's last active administrator
     */
    @Transactional
    public PersonView deactivate(TenantId tenant, String personId) {
        PersonView person = get(tenant, personId);
        if ("DEACTIVATED".equals(person.state())) {
            return person;
        }
        requireAnAdministratorRemains(tenant, person, false);
        commands.sendAndWait(new DeactivatePerson(memberOf(tenant, person)));
        setState(tenant, person, "DEACTIVATED");
        accessEnds.ifAvailable(ends -> ends.endAccessOf(PersonId.parse(person.personId())));
        // a link still on its way must not bring them back
        jdbc.sql("update staff_invitation set used_at = ? where tenant_id = ? and person_id = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), tenant.value(), UUID.fromString(person.personId())).update();
        return get(tenant, personId);
    }

    /**
     * Takes a person's second factor away for them (a lost phone), as {@code SecondFactorRemoved} with the
     * administrator as actor in each tenant the person works for (the key is the person's, not the tenant's; see
     * {@link SecondFactors#resetLost}). Their sessions and refresh tokens end at once, as at deactivation, and where their
     * tenant requires a second factor their next sign-in enrols a new one.
     *
     * @param actor the administrator, as events name actors
     * @throws RuleViolation the person has none, is the administrator (who removes their own with password and
     *                       code), or works for another tenant too (where the key would go as well); nothing changes
     */
    @Transactional
    public PersonView resetSecondFactor(TenantId tenant, String personId, String actor) {
        PersonView person = get(tenant, personId);
        UUID id = UUID.fromString(person.personId());
        boolean own = SignInSteps.personOf(actor).filter(id::equals).isPresent();
        boolean elsewhere = jdbc.sql("select count(*) from staff_members_of(?) where tenant_id <> ?")
                .params(id, tenant.value()).query(Long.class).single() > 0;
        if (SecondFactorResetRule.judge(person.secondFactor(), own, elsewhere)
                instanceof SecondFactorResetRule.Refused refused) {
            throw new RuleViolation(refused.rule(), refused.reason());
        }
        secondFactors.resetLost(id, actor);
        return get(tenant, personId);
    }

    /** Access again with the roles held before; one who never accepted the invitation stays invited. */
    @Transactional
    public PersonView reactivate(TenantId tenant, String personId) {
        PersonView person = get(tenant, personId);
        if (!"DEACTIVATED".equals(person.state())) {
            return person;
        }
        commands.sendAndWait(new ReactivatePerson(memberOf(tenant, person)));
        Boolean accepted = jdbc.sql("""
                        select accepted_at is not null or invited_at is null from staff_membership
                        where tenant_id = ? and person_id = ?""")
                .params(tenant.value(), UUID.fromString(person.personId())).query(Boolean.class).single();
        setState(tenant, person, Boolean.TRUE.equals(accepted) ? "ACTIVE" : "INVITED");
        return get(tenant, personId);
    }

    /** The tenant's properties, for a scope to name (the invite and edit forms offer them). */
    @Transactional(readOnly = true)
    public Set<String> propertiesOf(TenantId tenant) {
        return new HashSet<>(jdbc.sql("select property_id from property where tenant_id = ?").param(tenant.value())
                .query(String.class).list());
    }

    private void setState(TenantId tenant, PersonView person, String state) {
        jdbc.sql("update staff_membership set state = ?, changed_at = ? where tenant_id = ? and person_id = ?")
                .params(state, Timestamp.from(clock.instant()), tenant.value(), UUID.fromString(person.personId()))
                .update();
    }

    private void requireAnAdministratorRemains(TenantId tenant, PersonView person, boolean staysAdministrator) {
        boolean administrator = "ACTIVE".equals(person.state()) && person.roles().contains(Roles.TENANT_ADMIN);
        long others = jdbc.sql("""
                        select count(*) from staff_membership m join staff_person p using (person_id)
                        where m.tenant_id = ? and m.person_id <> ? and m.state = 'ACTIVE' and p.state = 'ACTIVE'
                          and 'TENANT_ADMIN' = any (m.roles)""")
                .params(tenant.value(), UUID.fromString(person.personId())).query(Long.class).single();
        if (StaffGrants.keepsAnAdministrator(administrator, staysAdministrator, others)
                instanceof StaffGrants.Refused refused) {
            throw new RuleViolation(refused.rule(), refused.reason());
        }
    }

    private StaffMemberId memberOf(TenantId tenant, PersonView person) {
        return new StaffMemberId(jdbc.sql("select member_id from staff_membership where tenant_id = ? and person_id = ?")
                .params(tenant.value(), UUID.fromString(person.personId())).query(String.class).single());
    }

    private Optional<String> memberRow(TenantId tenant, UUID person) {
        return jdbc.sql("select member_id from staff_membership where tenant_id = ? and person_id = ?")
                .params(tenant.value(), person).query(String.class).optional();
    }

    private Locale mailLocale(TenantId tenant) {
        return directory.mailLanguage(tenant);
    }

    private ZoneId mailZone(TenantId tenant) {
        return directory.settingsOf(tenant).map(TenantSettings::zone).orElse(ZoneId.of("UTC"));
    }

    private static StaffGrants.Granted granted(StaffGrants.Verdict verdict) {
        return switch (verdict) {
            case StaffGrants.Refused refused -> throw new FieldRejected(refused.field(), refused.rule(),
                    refused.reason());
            case StaffGrants.Granted ok -> ok;
            case StaffGrants.Kept kept -> throw new IllegalStateException("not a grant");
        };
    }

    public static String email(String value) {
        String email = FreeText.require("email", value, EMAIL_MAX);
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            throw new FieldRejected("email", StaffRules.EMAIL_MALFORMED,
                    "must be an e-mail address such as manager@example.com");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static RuleViolation alreadyMember() {
        return new RuleViolation(StaffRules.ALREADY_MEMBER,
                "this address belongs to a member of this tenant already; change their roles instead");
    }

    static UUID personIdOf(String personId) {
        try {
            return PersonId.parse(personId).value();
        } catch (IllegalArgumentException e) {
            throw new NotFound("person", FreeText.require("personId", personId, FreeText.OUTSIDE_ID));
        }
    }

    private static PersonView view(ResultSet rs, int row) throws SQLException {
        Timestamp invited = rs.getTimestamp("invited_at");
        Timestamp changed = rs.getTimestamp("changed_at");
        return new PersonView(rs.getObject("person_id", UUID.class).toString(), rs.getString("name"),
                rs.getString("email"), strings(rs.getArray("roles")), strings(rs.getArray("properties")),
                rs.getString("state"), invited == null ? null : invited.toInstant(),
                changed == null ? null : changed.toInstant(), rs.getBoolean("second_factor"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
