package com.meterledger.tenantadmin.registry;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.registry.AddProperty;
import com.meterledger.api.registry.AddUnit;
import com.meterledger.api.registry.ChangePropertyDetails;
import com.meterledger.api.registry.PropertyAdded;
import com.meterledger.api.registry.PropertyDetailsChanged;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.RenameUnit;
import com.meterledger.api.registry.UnitAdded;
import com.meterledger.api.registry.UnitId;
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

import java.util.HashSet;
import java.util.Set;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The history of one property's description: its addition and its units' additions, then the corrections to its name
 * and address and to its units' names, each an event whose metadata names the actor, so the auditor's trail says who
 * added or renamed what and when. The registry's tables stay the state that lists and searches read (written by
 * {@link RegistryAdditions} and {@link RegistryEdits} in the same transaction as the command). A property added before
 * additions were recorded has no {@link PropertyAdded}: its history starts at its first correction or unit added, so
 * those commands create the record when it is missing, while a second addition of the property or of a unit it knows
 * is refused as the registry refuses it ({@code property-exists}, {@code unit-exists}). Another tenant's command finds
 * no such property.
 *
 * <p>Kept in the application's aggregate cache: every unit added is an event here, so a property of thousands of units
 * would otherwise be replayed in full for each unit a bulk import adds.
 */
@Aggregate(cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PropertyRecord {
    @AggregateIdentifier
    private String recordId;
    private TenantId tenantId;
    /** The units this history has added or renamed: a second addition of one is refused. */
    private final Set<UnitId> units = new HashSet<>();

    protected PropertyRecord() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddProperty command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(command.tenantId(), command.propertyId(), tenant);
        RegistryTexts.require(RegistryTexts.judgeName(command.name()));
        RegistryTexts.require(RegistryTexts.judgeAddress(command.address()));
        if (recordId != null) {
            throw new RuleViolation("property-exists", "property " + command.propertyId() + " already exists");
        }
        apply(new PropertyAdded(command.tenantId(), command.propertyId(), command.name(), command.address(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddUnit command, @MetaDataValue(TENANT) String tenant) {
        requireOwner(command.tenantId(), command.propertyId(), tenant);
        RegistryTexts.require(RegistryTexts.judgeName(command.name()));
        if (units.contains(command.unitId())) {
            throw new RuleViolation("unit-exists", "unit " + command.unitId() + " already exists");
        }
        apply(new UnitAdded(command.tenantId(), command.propertyId(), command.unitId(), command.name(),
                GenericEventMessage.clock.instant()));
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
    void on(PropertyAdded event) {
        started(event.tenantId(), event.propertyId());
    }

    @EventSourcingHandler
    void on(UnitAdded event) {
        started(event.tenantId(), event.propertyId());
        units.add(event.unitId());
    }

    @EventSourcingHandler
    void on(PropertyDetailsChanged event) {
        started(event.tenantId(), event.propertyId());
    }

    @EventSourcingHandler
    void on(UnitRenamed event) {
        started(event.tenantId(), event.propertyId());
        units.add(event.unitId());
    }

    private void started(TenantId tenant, PropertyId property) {
        recordId = PropertyDetailsChanged.recordOf(tenant, property);
        tenantId = tenant;
    }
}
