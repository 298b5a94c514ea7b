package com.meterledger.edge.security;

import com.meterledger.api.account.AccountId;
import com.meterledger.api.account.FindUnitOfAccount;
import com.meterledger.api.account.FindUnitsOfMeter;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.meter.MeterId;
import com.meterledger.api.registry.FindUnit;
import com.meterledger.api.registry.UnitId;
import com.meterledger.api.registry.UnitSummary;
import com.meterledger.api.shared.TenantId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.core.Authentication;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A property manager's scope, for {@code @PreAuthorize("... or hasPermission(#id, 'account', 'manage')")} rules in
 * every module: Spring Security's own expression, so no module's rules name a bean of this one. {@code manage} is true
 * only for a {@link Roles#PROPERTY_MANAGER} whose token lists every property the thing belongs to; {@code read} (for
 * result filters) is true for every other reader role, and for a manager within their properties.
 * <p>
 * Where a unit, account or meter is installed is asked through the published queries of the modules that know it
 * (the registry for units, the account read model for accounts and meters), never from their tables. They answer
 * under the caller's tenant, so another tenant's id is simply unknown: the same "no" as an id that does not exist.
 */
public class PropertyScopePermissions implements PermissionEvaluator {
    public static final String MANAGE = "manage";
    public static final String READ = "read";

    private final Supplier<QueryGateway> gateway;

    /** Takes the gateway late: method security is set up before the messaging it asks through. */
    public PropertyScopePermissions(Supplier<QueryGateway> gateway) {
        this.gateway = gateway;
    }

    /** For pages that list properties: every reader role sees all of them, a manager only theirs. */
    public static boolean seesProperty(String propertyId) {
        return !isManager() || Caller.properties().contains(propertyId);
    }

    /**
     * The properties the caller's lists and searches show: a manager's own, everyone else's all of them. Lists filter
     * by it in their SQL, before paging, where a result filter would leave pages short.
     */
    public static PropertyScope scope() {
        return isManager() ? PropertyScope.only(Caller.properties()) : PropertyScope.ALL;
    }

    /** Whether the signed-in property manager looks after the property this unit, account or meter belongs to. */
    public boolean manages(String targetType, String targetId) {
        return hasPermission(null, targetId, targetType, MANAGE);
    }

    @Override
    public boolean hasPermission(Authentication authentication, Object target, Object permission) {
        return false; // rules name the kind of thing: hasPermission(#id, 'account', 'manage')
    }

    @Override
    public boolean hasPermission(Authentication authentication, Serializable targetId, String targetType,
                                 Object permission) {
        if (READ.equals(permission) && "property".equals(targetType)) {
            return seesProperty(String.valueOf(targetId));
        }
        if (!MANAGE.equals(permission) || targetId == null || !isManager()) {
            return false;
        }
        String id = targetId.toString();
        QueryGateway queries = gateway.get();
        List<String> properties = switch (targetType) {
            case "property" -> List.of(id);
            case "unit" -> propertiesOf(List.of(new UnitId(id)));
            case "account" -> propertiesOf(queries.query(new FindUnitOfAccount(Caller.tenant(), new AccountId(id)),
                    ResponseTypes.optionalInstanceOf(UnitId.class)).join().stream().toList());
            case "meter" -> propertiesOf(queries.query(new FindUnitsOfMeter(Caller.tenant(), new MeterId(id)),
                    ResponseTypes.multipleInstancesOf(UnitId.class)).join());
            default -> throw new IllegalArgumentException("no property scope for a " + targetType);
        };
        return !properties.isEmpty() && Caller.properties().containsAll(properties);
    }

    /** The properties of these units; empty when any of them is unknown, so an unknown thing is never managed. */
    private List<String> propertiesOf(List<UnitId> units) {
        QueryGateway queries = gateway.get();
        TenantId tenant = Caller.tenant();
        List<String> properties = new ArrayList<>();
        for (UnitId unit : units) {
            Optional<UnitSummary> summary = queries.query(new FindUnit(tenant, unit),
                    ResponseTypes.optionalInstanceOf(UnitSummary.class)).join();
            if (summary.isEmpty()) {
                return List.of();
            }
            properties.add(summary.get().propertyId().value());
        }
        return properties;
    }

    private static boolean isManager() {
        return Caller.hasRole(Roles.PROPERTY_MANAGER) && Caller.current()
                .map(jwt -> jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM)).filter(t -> !t.isBlank()).isPresent();
    }
}
