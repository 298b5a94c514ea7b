package com.meterledger.tenantadmin.registry;

import com.meterledger.api.registry.AddProperty;
import com.meterledger.api.registry.AddUnit;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Additions to the registry as the API, the set-up pages and the bulk import make them: the row is inserted by
 * {@link Registry} and the addition sent to the property's {@link PropertyRecord} in one transaction, so the row and
 * the event with its actor commit together or not at all, and the auditor's history of a property starts where the
 * property does. A refusal (a taken id, a text {@link RegistryTexts} refuses, an unknown property) is thrown by the
 * insert before anything is sent, and stores neither.
 */
@Service
public class RegistryAdditions {
    private final Registry registry;
    private final CommandGateway commands;

    public RegistryAdditions(Registry registry, CommandGateway commands) {
        this.registry = registry;
        this.commands = commands;
    }

    @Transactional
    public Registry.Property addProperty(TenantId tenant, PropertyId propertyId, String name, String address) {
        RegistryTexts.require(RegistryTexts.judgeName(name));
        RegistryTexts.require(RegistryTexts.judgeAddress(address));
        registry.addProperty(tenant, propertyId, name, address);
        commands.sendAndWait(new AddProperty(tenant, propertyId, name, address));
        return new Registry.Property(propertyId.value(), name, address);
    }

    @Transactional
    public Registry.Unit addUnit(TenantId tenant, PropertyId propertyId, UnitId unitId, String name) {
        RegistryTexts.require(RegistryTexts.judgeName(name));
        registry.addUnit(tenant, propertyId, unitId, name);
        commands.sendAndWait(new AddUnit(tenant, propertyId, unitId, name));
        return new Registry.Unit(unitId.value(), propertyId.value(), name);
    }
}
