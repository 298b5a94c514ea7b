package com.meterledger.tenantadmin.people;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.people.AcceptInvitation;
import com.meterledger.api.people.ChangePersonRoles;
import com.meterledger.api.people.DeactivatePerson;
import com.meterledger.api.people.InvitationAccepted;
import com.meterledger.api.people.InvitePerson;
import com.meterledger.api.people.PasswordChanged;
import com.meterledger.api.people.PersonDeactivated;
import com.meterledger.api.people.PersonId;
import com.meterledger.api.people.PersonInvited;
import com.meterledger.api.people.PersonReactivated;
import com.meterledger.api.people.PersonRolesChanged;
import com.meterledger.api.people.ReactivatePerson;
import com.meterledger.api.people.RecordPasswordChange;
import com.meterledger.api.people.RecordSecondFactorEnrolment;
import com.meterledger.api.people.RecordSecondFactorRemoval;
import com.meterledger.api.people.RecordSignInLockout;
import com.meterledger.api.people.SecondFactorEnrolled;
import com.meterledger.api.people.SecondFactorRemoved;
import com.meterledger.api.people.SignInLockedOut;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.people.StaffRules;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's membership of one tenant as the history of who gave and took their access: invitation, acceptance,
 * role and scope changes, deactivation and reactivation, each an event whose metadata names the actor. It names the
 * person by id only: name, e-mail and password stay in the deletable person table, so erasing a person rewrites no
 * history. Another tenant's command finds no such member.
 *
 * <p>What needs the whole tenant (no one grants more than they hold, the last administrator stays) is judged by
 * {@link StaffGrants} before the command is sent; this history keeps what one membership can know: an invitation is
 * accepted once, a deactivated member's roles are not changed, deactivating twice records nothing twice.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class StaffMember {
    enum State { INVITED, ACTIVE, DEACTIVATED }

    @AggregateIdentifier
    private StaffMemberId memberId;
    private TenantId tenantId;
    private PersonId personId;
    private List<String> roles;
    private List<String> properties;
    private State state;
    private boolean accepted;

    protected StaffMember() {
    }

    @CommandHandler
    public StaffMember(InvitePerson command, @MetaDataValue(TENANT) String tenant) {
        if (tenant == null || !command.tenantId().sameAs(tenant)) {
            throw new NotFound("tenant", command.tenantId());
        }
        apply(new PersonInvited(command.memberId(), command.tenantId(), command.personId(), command.roles(),
                command.properties(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(AcceptInvitation command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (state != State.INVITED) {
            throw new RuleViolation(StaffRules.INVITATION_INVALID,
                    "this invitation is unknown, already used or expired; ask for a new one");
        }
        apply(new InvitationAccepted(memberId, tenantId, personId, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(ChangePersonRoles command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (state == State.DEACTIVATED) {
            throw new RuleViolation(StaffRules.DEACTIVATED, "a deactivated person's roles are not changed; "
                    + "reactivate them first");
        }
        if (roles.equals(command.roles()) && properties.equals(command.properties())) {
            return;
        }
        apply(new PersonRolesChanged(memberId, tenantId, personId, roles, properties, command.roles(),
                command.properties(), GenericEventMessage.clock.instant()));
    }

    /** @return whether this deactivated the member (false: they were deactivated already, and nothing happens) */
    @CommandHandler
    public boolean handle(DeactivatePerson command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (state == State.DEACTIVATED) {
            return false;
        }
        apply(new PersonDeactivated(memberId, tenantId, personId, GenericEventMessage.clock.instant()));
        return true;
    }

    /** @return whether this reactivated the member (false: they were not deactivated, and nothing happens) */
    @CommandHandler
    public boolean handle(ReactivatePerson command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (state != State.DEACTIVATED) {
            return false;
        }
        apply(new PersonReactivated(memberId, tenantId, personId, GenericEventMessage.clock.instant()));
        return true;
    }

    /** A lockout is recorded for an active member; others cannot sign in for this tenant anyway. */
    @CommandHandler
    public void handle(RecordSignInLockout command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (state == State.ACTIVE) {
            apply(new SignInLockedOut(memberId, tenantId, personId, command.failures(), command.lockedUntil(),
                    GenericEventMessage.clock.instant()));
        }
    }

    /** A new password is recorded for an active member, like a lockout: others cannot sign in for this tenant. */
    @CommandHandler
    public void handle(RecordPasswordChange command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        if (state == State.ACTIVE) {
            apply(new PasswordChanged(memberId, tenantId, personId, GenericEventMessage.clock.instant()));
        }
    }

    @CommandHandler
    public void handle(RecordSecondFactorEnrolment command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        apply(new SecondFactorEnrolled(memberId, tenantId, personId, GenericEventMessage.clock.instant()));
    }

    /** The person removed their own second factor; recorded in each tenant they work for, as its enrolment is. */
    @CommandHandler
    public void handle(RecordSecondFactorRemoval command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(tenant);
        apply(new SecondFactorRemoved(memberId, tenantId, personId, GenericEventMessage.clock.instant()));
    }

    private void requireOwner(String tenant) {
        if (tenant == null || !tenantId.sameAs(tenant)) {
            throw new NotFound("person", personId);
        }
    }

    @EventSourcingHandler
    void on(PersonInvited event) {
        memberId = event.memberId();
        tenantId = event.tenantId();
        personId = event.personId();
        roles = event.roles();
        properties = event.properties();
        state = State.INVITED;
    }

    @EventSourcingHandler
    void on(InvitationAccepted event) {
        state = State.ACTIVE;
        accepted = true;
    }

    @EventSourcingHandler
    void on(PersonRolesChanged event) {
        roles = event.roles();
        properties = event.properties();
    }

    @EventSourcingHandler
    void on(PersonDeactivated event) {
        state = State.DEACTIVATED;
    }

    /** A reactivated member who had never accepted is invited again, not active. */
    @EventSourcingHandler
    void on(PersonReactivated event) {
        state = accepted ? State.ACTIVE : State.INVITED;
    }
}
