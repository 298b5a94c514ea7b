package com.meterledger.tenantadmin.registry;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.registry.ChangePropertyDetails;
import com.meterledger.api.registry.PropertyDetailsChanged;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.RenameUnit;
import com.meterledger.api.registry.UnitRenamed;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The history of corrections to one property's description: its name and address, and its units' names, each an
 * event whose metadata names the actor, so the auditor's trail says who renamed what and when. The registry's tables
 * stay the state that lists and searches read (written by {@link RegistryEdits} in the same transaction); this
 * history starts at the first correction, a property being added without one. Another tenant's command finds no
 * such property.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PropertyRecord {
    @AggregateIdentifier
    private String recordId;
    private TenantId tenantId;

    protected PropertyRecord() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangePropertyDetails command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(command.tenantId(), command.propertyId(), tenant);
        RegistryTexts.require(RegistryTexts.judgeName(command.name()));
        RegistryTexts.require(RegistryTexts.judgeAddress(command.address()));
        apply(new PropertyDetailsChanged(command.tenantId(), command.propertyId(), command.name(), command.address(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RenameUnit command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(command.tenantId(), command.propertyId(), tenant);
        RegistryTexts.require(RegistryTexts.judgeName(command.name()));
        apply(new UnitRenamed(command.tenantId(), command.propertyId(), command.unitId(), command.name(),
                GenericEventMessage.clock.instant()));
    }

    private void requireOwner(TenantId commanded, PropertyId property, String tenant) {
        if (tenant == null || !commanded.sameAs(tenant) || (tenantId != null && !tenantId.sameAs(tenant))) {
            throw new NotFound("property", property);
        }
    }

    @EventSourcingHandler
    void on(PropertyDetailsChanged event) {
        started(event.tenantId(), event.propertyId());
    }

    @EventSourcingHandler
    void on(UnitRenamed event) {
        started(event.tenantId(), event.propertyId());
    }

    private void started(TenantId tenant, PropertyId property) {
        recordId = PropertyDetailsChanged.recordOf(tenant, property);
        tenantId = tenant;
    }
}
