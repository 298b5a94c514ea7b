package com.meterledger.tenantadmin.registry;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.listing.ListCursor;
import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.ListWindow;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.listing.SqlList;
import com.meterledger.api.registry.PropertyId;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.registry.UnitSummary;
import com.meterledger.api.shared.FreeText;
import com.meterledger.api.shared.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's properties and their units. Every statement is bound to one tenant. Names and addresses pass
 * {@link FreeText} before they are written: a NUL in them made PostgreSQL refuse the insert with a 500.
 */
@Repository
public class Registry {
    private final JdbcClient jdbc;

    public Registry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Property(String propertyId, String name, String address) {
    }

    public record Unit(String unitId, String propertyId, String name) {
    }

    // Mapped by hand: a record mapper looks for a column named like the component first and, failing, throws and
    // catches an exception per row before it tries the snake_case name.
    private static final RowMapper<Property> PROPERTY = (rs, row) ->
            new Property(rs.getString("property_id"), rs.getString("name"), rs.getString("address"));
    private static final RowMapper<Unit> UNIT = (rs, row) ->
            new Unit(rs.getString("unit_id"), rs.getString("property_id"), rs.getString("name"));

    @Transactional
    public void addProperty(TenantId tenant, PropertyId propertyId, String name, String address) {
        FreeText.require("name", name, FreeText.NAME);
        FreeText.require("address", address, FreeText.TEXT);
        try {
            jdbc.sql("insert into property (tenant_id, property_id, name, address) values (?, ?, ?, ?)")
                    .params(tenant.value(), propertyId.value(), name, address).update();
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("property-exists", "property " + propertyId + " already exists");
        }
    }

    @Transactional
    public void addUnit(TenantId tenant, PropertyId propertyId, UnitId unitId, String name) {
        FreeText.require("name", name, FreeText.NAME);
        property(tenant, propertyId).orElseThrow(() -> new NotFound("property", propertyId));
        try {
            jdbc.sql("insert into unit (tenant_id, unit_id, property_id, name) values (?, ?, ?, ?)")
                    .params(tenant.value(), unitId.value(), propertyId.value(), name).update();
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("unit-exists", "unit " + unitId + " already exists");
        }
    }

    @Transactional(readOnly = true)
    public List<Property> properties(TenantId tenant) {
        return jdbc.sql("select property_id, name, address from property where tenant_id = ? order by property_id")
                .param(tenant.value()).query(PROPERTY).list();
    }

    /** The property list's name, which its cursors carry. */
    public static final String PROPERTY_LIST = "properties";
    /** Sort keys of the property list and the column each one sorts by; the id breaks ties. */
    public static final Map<String, String> PROPERTY_SORTS = Map.of("propertyId", "property_id", "name", "name");
    /** The unit list's name, which its cursors carry. */
    public static final String UNIT_LIST = "units";
    /** Sort keys of the unit list and the column each one sorts by; the id breaks ties. */
    public static final Map<String, String> UNIT_SORTS = Map.of("unitId", "unit_id", "name", "name",
            "propertyId", "property_id");

    /**
     * A page of the properties the scope shows, by the rules of every list ({@link SqlList}): after the window's cursor
     * when it has one, so that a page deep in a tenant of many properties walks the sort key's index from there (the
     * primary key for the id, V288 for the name) instead of counting off the rows before it.
     */
    @Transactional(readOnly = true)
    public ListPage<Property> properties(TenantId tenant, PropertyScope scope, ListWindow window) {
        SqlList sql = new SqlList("tenant_id", tenant.value()).scope("property_id", scope);
        String where = sql.where();
        String page = sql.page(PROPERTY_SORTS, "property_id", window);
        return ListPage.of(jdbc.sql("select property_id, name, address from property where " + where + page)
                .params(sql.params()).query(PROPERTY).list(), window, property -> propertyCursor(property, window));
    }

    /** Where the property list continues after {@code property} in the window's order. */
    static ListCursor propertyCursor(Property property, ListWindow window) {
        String value = window.sort().equals("name") ? property.name() : property.propertyId();
        return window.cursorAfter(value, property.propertyId());
    }

    /**
     * A page of the units of the properties the scope shows (of one of them if {@code property} is given), by the
     * rules of every list ({@link SqlList}): after the window's cursor when it has one, so that a page deep in a large
     * tenant walks the sort key's index from there (V232) instead of counting off the rows before it.
     */
    @Transactional(readOnly = true)
    public ListPage<Unit> units(TenantId tenant, PropertyScope scope, PropertyId property, ListWindow window) {
        SqlList sql = new SqlList("tenant_id", tenant.value())
                .scope("property_id", scope)
                .when(property == null ? null : property.value(), "property_id = ?");
        String where = sql.where();
        String page = sql.page(UNIT_SORTS, "unit_id", window);
        return ListPage.of(jdbc.sql("select unit_id, property_id, name from unit where " + where + page)
                .params(sql.params()).query(UNIT).list(), window, unit -> unitCursor(unit, window));
    }

    /** Where the unit list continues after {@code unit} in the window's order. */
    static ListCursor unitCursor(Unit unit, ListWindow window) {
        String value = switch (window.sort()) {
            case "name" -> unit.name();
            case "propertyId" -> unit.propertyId();
            default -> unit.unitId();
        };
        return window.cursorAfter(value, unit.unitId());
    }

    @Transactional(readOnly = true)
    public Optional<Property> property(TenantId tenant, PropertyId propertyId) {
        return jdbc.sql("select property_id, name, address from property where tenant_id = ? and property_id = ?")
                .params(tenant.value(), propertyId.value()).query(PROPERTY).optional();
    }

    @Transactional(readOnly = true)
    public List<Unit> units(TenantId tenant, PropertyId propertyId) {
        property(tenant, propertyId).orElseThrow(() -> new NotFound("property", propertyId));
        return jdbc.sql("select unit_id, property_id, name from unit where tenant_id = ? and property_id = ? order by unit_id")
                .params(tenant.value(), propertyId.value()).query(UNIT).list();
    }

    @Transactional(readOnly = true)
    public Optional<UnitSummary> unit(TenantId tenant, UnitId unitId) {
        return jdbc.sql("select unit_id, property_id, name from unit where tenant_id = ? and unit_id = ?")
                .params(tenant.value(), unitId.value()).query(UNIT).optional()
                .map(unit -> new UnitSummary(new UnitId(unit.unitId()), new PropertyId(unit.propertyId()), unit.name()));
    }

    /**
     * The property of each of these units the tenant has, in one query (the bulk import's dry run asked {@link #unit}
     * once per new unit: a transaction and a round trip per row).
     */
    @Transactional(readOnly = true)
    public Map<String, String> propertiesOf(TenantId tenant, java.util.Collection<String> unitIds) {
        Map<String, String> properties = new java.util.HashMap<>();
        if (unitIds.isEmpty()) {
            return properties;
        }
        jdbc.sql("select unit_id, property_id from unit where tenant_id = ? and unit_id = any(?)")
                .params(tenant.value(), unitIds.toArray(String[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    properties.put(rs.getString(1), rs.getString(2));
                });
        return properties;
    }
}
