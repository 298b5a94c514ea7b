package com.meterledger.tenantadmin.client;

import com.meterledger.api.client.MachineClientKind;
import com.meterledger.api.client.MachineClientRules;
import com.meterledger.api.shared.Ids;
import com.meterledger.edge.security.Roles;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which roles a new machine client may hold. A gateway client holds {@code GATEWAY} alone (readings and
 * acknowledgements, nothing else). An API client holds tenant roles only, never {@code GATEWAY} nor
 * {@code PLATFORM_ADMIN}, and never more than its creator holds: a tenant administrator may grant every tenant role,
 * anyone else only the roles they hold themselves. A property manager's client names the properties it looks after;
 * no other client names any. Pure: it judges and names the rule; the service answers.
 */
public final class ClientGrants {
    private static final Set<String> API_ROLES = Set.of(Roles.TENANT_ADMIN, Roles.PROPERTY_MANAGER, Roles.FINANCE,
            Roles.AUDITOR);

    private ClientGrants() {
    }

    public sealed interface Verdict permits Granted, Refused {
    }

    public record Granted(List<String> roles, List<String> properties) implements Verdict {
    }

    /** @param field the request field at fault ({@code roles} or {@code properties}) */
    public record Refused(String field, String rule, String reason) implements Verdict {
    }

    public static Verdict judge(MachineClientKind kind, List<String> roles, List<String> properties,
                                Collection<String> creatorRoles) {
        List<String> asked = roles == null ? List.of() : roles.stream().distinct().sorted().toList();
        List<String> places = properties == null ? List.of() : properties.stream().distinct().sorted().toList();
        if (asked.isEmpty()) {
            return kind == MachineClientKind.GATEWAY
                    ? judge(kind, List.of(Roles.GATEWAY), places, creatorRoles)
                    : new Refused("roles", MachineClientRules.ROLES_REQUIRED, "an API client needs at least one role");
        }
        for (String role : asked) {
            if (role == null || !Roles.ALL.contains(role)) {
                return new Refused("roles", MachineClientRules.ROLE_UNKNOWN, "no such role: " + printable(role));
            }
        }
        Set<String> allowed = kind == MachineClientKind.GATEWAY ? Set.of(Roles.GATEWAY) : API_ROLES;
        for (String role : asked) {
            if (!allowed.contains(role)) {
                return new Refused("roles", MachineClientRules.SCOPE_BEYOND_KIND,
                        "a " + kind + " client may hold " + allowed.stream().sorted().toList() + ", not " + role);
            }
            if (!creatorRoles.contains(Roles.TENANT_ADMIN) && !creatorRoles.contains(role)) {
                return new Refused("roles", MachineClientRules.SCOPE_BEYOND_CREATOR,
                        "no one grants a role they do not hold: " + role);
            }
        }
        boolean manager = asked.contains(Roles.PROPERTY_MANAGER);
        if (manager && places.isEmpty()) {
            return new Refused("properties", MachineClientRules.MANAGER_WITHOUT_PROPERTIES,
                    "a property manager's client names the properties it looks after");
        }
        if (!manager && !places.isEmpty()) {
            return new Refused("properties", MachineClientRules.PROPERTIES_WITHOUT_MANAGER,
                    "only a property manager's client names properties");
        }
        for (String property : places) {
            try {
                Ids.requireValid(property, "property id");
            } catch (IllegalArgumentException e) {
                return new Refused("properties", "property-id-malformed", e.getMessage());
            }
        }
        return new Granted(asked, places);
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
