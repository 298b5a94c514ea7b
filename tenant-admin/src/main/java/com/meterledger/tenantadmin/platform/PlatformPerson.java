package com.meterledger.tenantadmin.platform;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.platform.AddPlatformPerson;
import com.meterledger.api.platform.PlatformPersonAdded;
import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.api.platform.PlatformSignInLockedOut;
import com.meterledger.api.platform.RecordPlatformSignInLockout;
import com.meterledger.api.shared.MetadataKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A platform operator's history: who made them and when they were locked out. It carries no tenant (an operator
 * has none and reads no tenant's data) and names the person by id only: the address and password stay in the
 * deletable {@code platform_person} table.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlatformPerson {
    @AggregateIdentifier
    private PlatformPersonId personId;

    protected PlatformPerson() {
    }

    @CommandHandler
    public PlatformPerson(AddPlatformPerson command, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        apply(new PlatformPersonAdded(command.personId(), actor, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RecordPlatformSignInLockout command) {
        apply(new PlatformSignInLockedOut(personId, command.failures(), command.lockedUntil(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(PlatformPersonAdded event) {
        personId = event.personId();
    }
}
