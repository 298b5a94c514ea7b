package com.meterledger.app.demo;

import com.meterledger.api.client.MachineClientKind;
import com.meterledger.api.shared.TenantId;
import com.meterledger.edge.security.Roles;

import java.util.List;

/**
 * Who the local run's two demo tenants are: {@code demo} (the README's tenant: property {@code sunrise-court}, EUR,
 * English) and {@code harbour} (a small Chinese property group: CNY, Asia/Shanghai, zh-CN), there so that isolation
 * can be seen. The ids and secrets are the ones the README publishes; they are the local demo's only.
 *
 * <p>People's addresses end in {@code .test} (RFC 2606), since sign-up and invitations refuse an address whose domain
 * has no dot (the old configured names {@code admin@demo} are not addresses).
 */
final class DemoTenants {
    static final String PASSWORD = "demo-password";
    static final String DEMO_PROPERTY = "sunrise-court";
    static final String HARBOUR_PROPERTY = "harbour-view";
    /** The platform operator's client (no tenant's), in the issuer's client table. */
    static final String PLATFORM_CLIENT = "demo-platform";
    /** The platform operator as a person (no tenant's): signs in at the login page to {@code /ui/platform/tenants}. */
    static final String PLATFORM_OPERATOR = "platform@meterledger.test";

    private DemoTenants() {
    }

    record Person(String name, String email, List<String> roles, List<String> properties) {
    }

    record Client(String clientId, String secret, MachineClientKind kind, List<String> roles,
                  List<String> properties) {
    }

    record Tenant(TenantId id, String organisation, String country, String currency, String zone, String language,
                  Person administrator, List<Person> people, List<Client> clients) {
    }

    static final Tenant DEMO = new Tenant(new TenantId("demo"), "Demo Property Group", "DE", "EUR", "Europe/Berlin",
            "en", person("Demo Administrator", "admin@demo.test", Roles.TENANT_ADMIN),
            List.of(new Person("Demo Manager", "manager@demo.test", List.of(Roles.PROPERTY_MANAGER),
                            List.of(DEMO_PROPERTY)),
                    person("Demo Finance", "finance@demo.test", Roles.FINANCE),
                    person("Demo Auditor", "auditor@demo.test", Roles.AUDITOR)),
            List.of(client("demo-landlord", MachineClientKind.API, Roles.TENANT_ADMIN),
                    client("demo-gateway", MachineClientKind.GATEWAY, Roles.GATEWAY),
                    new Client("demo-manager", "demo-manager-secret", MachineClientKind.API,
                            List.of(Roles.PROPERTY_MANAGER), List.of(DEMO_PROPERTY)),
                    client("demo-finance", MachineClientKind.API, Roles.FINANCE),
                    client("demo-auditor", MachineClientKind.API, Roles.AUDITOR)));

    static final Tenant HARBOUR = new Tenant(new TenantId("harbour"), "海港物业", "CN", "CNY", "Asia/Shanghai",
            "zh-CN", person("陈海", "admin@harbour.test", Roles.TENANT_ADMIN), List.of(),
            List.of(client("harbour-landlord", MachineClientKind.API, Roles.TENANT_ADMIN)));

    static final List<Tenant> ALL = List.of(DEMO, HARBOUR);

    private static Person person(String name, String email, String role) {
        return new Person(name, email, List.of(role), List.of());
    }

    private static Client client(String clientId, MachineClientKind kind, String role) {
        return new Client(clientId, clientId + "-secret", kind, List.of(role), List.of());
    }
}
