package com.meterledger.tenantadmin.platform;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.platform.AcceptPlatformInvitation;
import com.meterledger.api.platform.AddPlatformPerson;
import com.meterledger.api.platform.DeactivatePlatformPerson;
import com.meterledger.api.platform.InvitePlatformPerson;
import com.meterledger.api.platform.PlatformInvitationAccepted;
import com.meterledger.api.platform.PlatformPersonAdded;
import com.meterledger.api.platform.PlatformPersonDeactivated;
import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.api.platform.PlatformPersonInvited;
import com.meterledger.api.platform.PlatformSecondFactorEnrolled;
import com.meterledger.api.platform.PlatformSecondFactorRemoved;
import com.meterledger.api.platform.PlatformSignInLockedOut;
import com.meterledger.api.platform.RecordPlatformSecondFactorEnrolment;
import com.meterledger.api.platform.RecordPlatformSignInLockout;
import com.meterledger.api.platform.RemovePlatformSecondFactor;
import com.meterledger.api.shared.MetadataKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A platform operator's history: who made or invited them, when they accepted, when they enrolled a second factor and who removed it, when they were locked out and who
 * deactivated them. A deactivated operator's history ends there: accepting a link afterwards is refused by the service
 * before it comes here, and a second deactivation records nothing. It carries no tenant (an operator
 * has none and reads no tenant's data) and names the person by id only: the address and password stay in the
 * deletable {@code platform_person} table.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlatformPerson {
    @AggregateIdentifier
    private PlatformPersonId personId;
    private boolean deactivated;

    protected PlatformPerson() {
    }

    @CommandHandler
    public PlatformPerson(AddPlatformPerson command, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        apply(new PlatformPersonAdded(command.personId(), actor, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public PlatformPerson(InvitePlatformPerson command, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        apply(new PlatformPersonInvited(command.personId(), actor, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(AcceptPlatformInvitation command) {
        if (deactivated) {
            throw new IllegalStateException("a deactivated operator accepts no invitation");
        }
        apply(new PlatformInvitationAccepted(personId, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(DeactivatePlatformPerson command, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        if (!deactivated) {
            apply(new PlatformPersonDeactivated(personId, actor, GenericEventMessage.clock.instant()));
        }
    }

    @CommandHandler
    public void handle(RecordPlatformSignInLockout command) {
        apply(new PlatformSignInLockedOut(personId, command.failures(), command.lockedUntil(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RecordPlatformSecondFactorEnrolment command, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        if (deactivated) {
            throw new IllegalStateException("a deactivated operator enrols no second factor");
        }
        apply(new PlatformSecondFactorEnrolled(personId, actor, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RemovePlatformSecondFactor command, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        apply(new PlatformSecondFactorRemoved(personId, actor, GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(PlatformPersonAdded event) {
        personId = event.personId();
    }

    @EventSourcingHandler
    void on(PlatformPersonInvited event) {
        personId = event.personId();
    }

    @EventSourcingHandler
    void on(PlatformPersonDeactivated event) {
        deactivated = true;
    }
}
