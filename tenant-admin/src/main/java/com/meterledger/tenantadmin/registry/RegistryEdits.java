package com.meterledger.tenantadmin.registry;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.registry.ChangePropertyDetails;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.RenameUnit;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.shared.TenantId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Objects;

/**
 * Corrections to the registry: a property's name and address, a unit's name. The row is locked, changed and the
 * change sent to the property's {@link PropertyRecord} in one transaction, so the new text and the event with its
 * actor commit together or not at all; a refusal changes nothing, and the same text again records nothing. Lists,
 * searches, dashboards, reports and the occupant portal read names from the registry's views when they answer, so
 * they show the new name at once and a replay of their projections gives the same names.
 */
@Service
public class RegistryEdits {
    private final JdbcClient jdbc;
    private final CommandGateway commands;

    public RegistryEdits(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @Transactional
    public Registry.Property changeProperty(TenantId tenant, PropertyId propertyId, String name, String address) {
        RegistryTexts.require(RegistryTexts.judgeName(name));
        RegistryTexts.require(RegistryTexts.judgeAddress(address));
        Registry.Property now = jdbc.sql("""
                        select property_id, name, address from property where tenant_id = ? and property_id = ?
                        for update""")
                .params(tenant.value(), propertyId.value())
                .query((rs, row) -> new Registry.Property(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional().orElseThrow(() -> new NotFound("property", propertyId));
        Registry.Property changed = new Registry.Property(now.propertyId(), name, address);
        if (changed.equals(now)) {
            return now;
        }
        jdbc.sql("update property set name = ?, address = ? where tenant_id = ? and property_id = ?")
                .params(name, address, tenant.value(), propertyId.value()).update();
        commands.sendAndWait(new ChangePropertyDetails(tenant, propertyId, name, address));
        return changed;
    }

    /** The unit must be the property's: a unit of another property reads as an unknown one. */
    @Transactional
    public Registry.Unit renameUnit(TenantId tenant, PropertyId propertyId, UnitId unitId, String name) {
        RegistryTexts.require(RegistryTexts.judgeName(name));
        String current = jdbc.sql("""
                        select name from unit where tenant_id = ? and property_id = ? and unit_id = ? for update""")
                .params(tenant.value(), propertyId.value(), unitId.value()).query(String.class).optional()
                .orElseThrow(() -> new NotFound("unit", unitId));
        if (!Objects.equals(current, name)) {
            jdbc.sql("update unit set name = ? where tenant_id = ? and unit_id = ?")
                    .params(name, tenant.value(), unitId.value()).update();
            commands.sendAndWait(new RenameUnit(tenant, propertyId, unitId, name));
        }
        return new Registry.Unit(unitId.value(), propertyId.value(), name);
    }
}
