package com.meterledger.tenantadmin.signup;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.people.AcceptInvitation;
import com.meterledger.api.people.InvitePerson;
import com.meterledger.api.people.PersonId;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Roles;
import com.meterledger.tenantadmin.people.InvitationLinks;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.SignUpTenant;
import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactions of sign-up, each run as the tenant it creates or verifies (row-level security applies as for
 * any tenant): the people rows, the link's hash and the tenant's event commit together or not at all.
 */
public class SignUpStore {
    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final Clock clock;

    SignUpStore(JdbcClient jdbc, CommandGateway commands, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The tenant, its first administrator and the link's hash commit together, or nothing does. */
    @Transactional
    public void create(TenantId tenant, SignUpForm form, String tokenHash, Instant expiresAt) {
        UUID person = UUID.randomUUID();
        try {
            jdbc.sql("insert into staff_person (person_id, name, email, state) values (?, ?, ?, 'INVITED')")
                    .params(person, form.administratorName(), form.administratorEmail()).update();
        } catch (DuplicateKeyException e) {
            throw new FieldRejected("administratorEmail", TenantRules.EMAIL_TAKEN,
                    "is already used by a person of MeterLedger; sign in instead, or use another address");
        }
        // the first administrator is a member like any invited one (StaffMember), invited by sign-up itself
        StaffMemberId member = new StaffMemberId(InvitationLinks.memberId());
        jdbc.sql("""
                        insert into staff_membership (tenant_id, person_id, roles, member_id, state, invited_at,
                                                      changed_at)
                        values (?, ?, array['TENANT_ADMIN'], ?, 'INVITED', now(), now())""")
                .params(tenant.value(), person, member.value()).update();
        jdbc.sql("insert into signup_verification (tenant_id, token_hash, person_id, expires_at) values (?, ?, ?, ?)")
                .params(tenant.value(), tokenHash, person, Timestamp.from(expiresAt)).update();
        try {
            commands.sendAndWait(new SignUpTenant(tenant, form.profile()), SignUps.asTenant(tenant));
        } catch (AggregateStreamCreationException | DuplicateKeyException e) {
            throw SignUps.slugTaken();
        }
        commands.sendAndWait(new InvitePerson(member, tenant, new PersonId(person), List.of(Roles.TENANT_ADMIN),
                List.of()), SignUps.asTenant(tenant));
    }

    @Transactional
    public SignUps.Verified complete(TenantId tenant, String tokenHash, String password) {
        Instant now = clock.instant();
        record Pending(UUID person, String email, String member) {
        }
        Optional<Pending> pending = jdbc.sql("""
                        select v.person_id, p.email, m.member_id from signup_verification v
                        join staff_person p using (person_id)
                        join staff_membership m on m.tenant_id = v.tenant_id and m.person_id = v.person_id
                        where v.tenant_id = ? and v.token_hash = ? and v.used_at is null and v.expires_at > ?
                        for update of v""")
                .params(tenant.value(), tokenHash, Timestamp.from(now))
                .query((rs, row) -> new Pending(rs.getObject("person_id", UUID.class), rs.getString("email"),
                        rs.getString("member_id")))
                .optional();
        Pending found = pending.orElseThrow(SignUps::invalidLink);
        Passwords.require(password, found.email());
        jdbc.sql("update signup_verification set used_at = ? where token_hash = ?")
                .params(Timestamp.from(now), tokenHash).update();
        jdbc.sql("update staff_person set password_hash = ?, state = 'ACTIVE' where person_id = ?")
                .params(passwords.encode(password), found.person()).update();
        jdbc.sql("update staff_membership set state = 'ACTIVE', accepted_at = ?, changed_at = ? where member_id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), found.member()).update();
        commands.sendAndWait(new AcceptInvitation(new StaffMemberId(found.member())), SignUps.asTenant(tenant));
        commands.sendAndWait(new ChangeTenantStatus(tenant, TenantStatus.VERIFIED,
                "the first administrator verified the e-mail address"), SignUps.asTenant(tenant));
        return new SignUps.Verified(tenant, found.email());
    }

}
