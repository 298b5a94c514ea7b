package com.meterledger.tenantadmin.registry;

import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.error.FieldRuleViolation;
import com.meterledger.api.error.NotFound;
import com.meterledger.api.meter.FindMeterPlacement;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.meter.MeterPlacement;
import com.meterledger.api.registry.FindMeterHierarchies;
import com.meterledger.api.registry.MeterHierarchy;
import com.meterledger.api.registry.MeterHierarchySet;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.SetMeterHierarchy;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import com.meterledger.tenantadmin.tenant.TenantDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Master and sub-meters per property (issue 18, line loss). Setting one is a {@link SetMeterHierarchy} on the tenant
 * after the meters' placements pass {@link MeterHierarchyRules}; table {@code meter_hierarchy} (one row per sub-meter)
 * is written in the transaction that stores the event (the tenant directory's subscribing processor) and read by the
 * alert evaluator through {@link FindMeterHierarchies}.
 */
@Component
@ProcessingGroup(TenantDirectory.PROCESSING_GROUP)
public class MeterHierarchies {
    /** A master feeding more sub-meters than this is an input error, not a building (the largest seen feeds 240). */
    public static final int MAX_SUB_METERS = 500;

    private final JdbcClient jdbc;
    private final Registry registry;
    private final QueryGateway queries;
    private final CommandGateway commands;

    public MeterHierarchies(JdbcClient jdbc, Registry registry, QueryGateway queries, CommandGateway commands) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.queries = queries;
        this.commands = commands;
    }

    /** The form of an id as the person sent it: control characters and malformed ids are refused naming the field. */
    static MeterId meterId(String field, String value) {
        FreeText.require(field, value, FreeText.OUTSIDE_ID);
        if (value == null || value.isBlank()) {
            throw new FieldRejected(field, "meter-id-required", "a meter id is required");
        }
        try {
            return new MeterId(value);
        } catch (IllegalArgumentException e) {
            throw new FieldRejected(field, "meter-id-malformed", e.getMessage());
        }
    }

    /** Checks the property and the meters, then sends the command; nothing is stored on a refusal. */
    public MeterHierarchy set(TenantId tenant, PropertyId property, String master, List<String> subMeters) {
        registry.property(tenant, property).orElseThrow(() -> new NotFound("property", property));
        if (subMeters == null) {
            throw new FieldRejected("subMeterIds", "sub-meters-required", "the list of sub-meters is required (empty removes the hierarchy)");
        }
        if (subMeters.size() > MAX_SUB_METERS) {
            throw new FieldRejected("subMeterIds", "sub-meters-too-many", "at most " + MAX_SUB_METERS + " sub-meters", MAX_SUB_METERS);
        }
        MeterId masterId = meterId("masterMeterId", master);
        List<MeterId> subs = new ArrayList<>();
        for (int i = 0; i < subMeters.size(); i++) {
            subs.add(meterId("subMeterIds[" + i + "]", subMeters.get(i)));
        }
        MeterHierarchy proposed = new MeterHierarchy(property, masterId, subs);
        Map<MeterId, Optional<MeterPlacement>> placements = new HashMap<>();
        placements.put(masterId, placement(tenant, masterId));
        subs.forEach(sub -> placements.computeIfAbsent(sub, id -> placement(tenant, id)));
        if (MeterHierarchyRules.judgePlacements(proposed, placements) instanceof MeterHierarchyRules.Refused refused) {
            throw new FieldRuleViolation(refused.field(), refused.rule(), refused.reason());
        }
        commands.sendAndWait(new SetMeterHierarchy(tenant, proposed));
        return proposed;
    }

    private Optional<MeterPlacement> placement(TenantId tenant, MeterId meter) {
        return queries.query(new FindMeterPlacement(tenant, meter),
                ResponseTypes.optionalInstanceOf(MeterPlacement.class)).join();
    }

    @EventHandler
    void on(MeterHierarchySet event) {
        MeterHierarchy h = event.hierarchy();
        jdbc.sql("delete from meter_hierarchy where tenant_id = ? and master_meter_id = ?")
                .params(event.tenantId().value(), h.master().value()).update();
        for (MeterId sub : h.subMeters()) {
            jdbc.sql("""
                            insert into meter_hierarchy (tenant_id, property_id, master_meter_id, sub_meter_id, set_at)
                            values (?, ?, ?, ?, ?)""")
                    .params(event.tenantId().value(), h.propertyId().value(), h.master().value(), sub.value(),
                            Timestamp.from(event.at())).update();
        }
    }

    /** In a transaction of its own, bound to the asked tenant (a pass of the evaluator asks from outside a request). */
    @QueryHandler
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public List<MeterHierarchy> find(FindMeterHierarchies query) {
        return read(query.tenantId(), null);
    }

    /** The property's masters with their sub-meters, masters in id order. */
    @Transactional(readOnly = true)
    public List<MeterHierarchy> of(TenantId tenant, PropertyId property) {
        registry.property(tenant, property).orElseThrow(() -> new NotFound("property", property));
        return read(tenant, property);
    }

    private List<MeterHierarchy> read(TenantId tenant, PropertyId property) {
        Map<String, List<MeterId>> subs = new LinkedHashMap<>();
        Map<String, String> propertyOf = new HashMap<>();
        jdbc.sql("""
                        select property_id, master_meter_id, sub_meter_id from meter_hierarchy
                        where tenant_id = ? and (cast(? as varchar) is null or property_id = ?)
                        order by master_meter_id, sub_meter_id""")
                .params(tenant.value(), property == null ? null : property.value(),
                        property == null ? null : property.value())
                .query(rs -> {
                    propertyOf.put(rs.getString(2), rs.getString(1));
                    subs.computeIfAbsent(rs.getString(2), m -> new ArrayList<>()).add(new MeterId(rs.getString(3)));
                });
        return subs.entrySet().stream().map(e -> new MeterHierarchy(new PropertyId(propertyOf.get(e.getKey())),
                new MeterId(e.getKey()), e.getValue())).toList();
    }
}
