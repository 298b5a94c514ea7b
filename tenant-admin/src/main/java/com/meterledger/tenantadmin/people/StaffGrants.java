package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.StaffRules;
import com.meterledger.edge.security.Roles;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a person may be given, and what may be taken away. A person holds tenant roles only (never {@code GATEWAY},
 * a device's, nor {@code PLATFORM_ADMIN}, the platform's). No one grants more than they hold: only a tenant
 * administrator grants {@code TENANT_ADMIN}; anyone else grants only roles they hold themselves, and a property
 * manager only properties they look after. A property manager names the properties of the tenant they look after;
 * no one else names any. A tenant keeps at least one active administrator. Pure: it judges and names the rule; the
 * service answers.
 */
public final class StaffGrants {
    public static final Set<String> PERSON_ROLES = Set.of(Roles.TENANT_ADMIN, Roles.PROPERTY_MANAGER, Roles.FINANCE,
            Roles.AUDITOR);

    private StaffGrants() {
    }

    public sealed interface Verdict permits Granted, Refused, Kept {
    }

    public record Granted(List<String> roles, List<String> properties) implements Verdict {
    }

    /** @param field the request field at fault ({@code roles}, {@code properties}), or null for the whole request */
    public record Refused(String field, String rule, String reason) implements Verdict {
    }

    /** The tenant still has an administrator after the change. */
    public record Kept() implements Verdict {
    }

    /** Who grants: their roles and (a property manager's) properties. */
    public record Granter(Collection<String> roles, Collection<String> properties) {
        boolean administrator() {
            return roles.contains(Roles.TENANT_ADMIN);
        }
    }

    /**
     * @param tenantProperties the properties the tenant has (a scope names only these)
     */
    public static Verdict grant(List<String> roles, List<String> properties, Granter granter,
                                Set<String> tenantProperties) {
        List<String> asked = roles == null ? List.of() : roles.stream().distinct().sorted().toList();
        List<String> places = properties == null ? List.of() : properties.stream().distinct().sorted().toList();
        if (asked.isEmpty()) {
            return new Refused("roles", StaffRules.ROLES_REQUIRED, "a person needs at least one role");
        }
        for (String role : asked) {
            if (role == null || !Roles.ALL.contains(role)) {
                return new Refused("roles", StaffRules.ROLE_UNKNOWN, "no such role: " + printable(role));
            }
            if (!PERSON_ROLES.contains(role)) {
                return new Refused("roles", StaffRules.ROLE_NOT_GRANTABLE, "a person may hold "
                        + PERSON_ROLES.stream().sorted().toList() + ", not " + role);
            }
        }
        for (String role : asked) {
            if (Roles.TENANT_ADMIN.equals(role) && !granter.administrator()) {
                return new Refused("roles", StaffRules.ADMIN_BY_ADMIN_ONLY,
                        "only a tenant administrator makes another administrator");
            }
            if (!granter.administrator() && !granter.roles().contains(role)) {
                return new Refused("roles", StaffRules.BEYOND_GRANTER, "no one grants a role they do not hold: "
                        + role);
            }
        }
        boolean manager = asked.contains(Roles.PROPERTY_MANAGER);
        if (manager && places.isEmpty()) {
            return new Refused("properties", StaffRules.MANAGER_WITHOUT_PROPERTIES,
                    "a property manager names the properties they look after");
        }
        if (!manager && !places.isEmpty()) {
            return new Refused("properties", StaffRules.PROPERTIES_WITHOUT_MANAGER,
                    "only a property manager names properties");
        }
        for (String property : places) {
            if (property == null || !tenantProperties.contains(property)) {
                return new Refused("properties", StaffRules.PROPERTY_UNKNOWN,
                        "no such property: " + printable(property));
            }
            if (!granter.administrator() && !granter.properties().contains(property)) {
                return new Refused("properties", StaffRules.BEYOND_GRANTER,
                        "no one grants a property they do not look after: " + property);
            }
        }
        return new Granted(asked, places);
    }

    /**
     * Taking a role or a person away must leave the tenant an active administrator.
     *
     * @param wasAdministrator    the member is an active administrator now
     * @param staysAdministrator  the member is an active administrator after the change
     * @param otherAdministrators the tenant's other active administrators
     */
    public static Verdict keepsAnAdministrator(boolean wasAdministrator, boolean staysAdministrator,
                                               long otherAdministrators) {
        if (wasAdministrator && !staysAdministrator && otherAdministrators == 0) {
            return new Refused(null, StaffRules.LAST_ADMINISTRATOR,
                    "this is the tenant's last active administrator; make another administrator first");
        }
        return new Kept();
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
    }
}
