package com.meterledger.tenantadmin.client;

import com.meterledger.api.client.MachineClientKind;
import com.meterledger.api.client.MachineClientRules;
import com.meterledger.edge.security.Roles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which roles a machine client may hold: bounded by its kind and by its creator. */
class ClientGrantsTest {
    private static final Set<String> ADMIN = Set.of(Roles.TENANT_ADMIN);

    @Test
    void givenAGatewayClientWithoutRolesThenItHoldsTheGatewayRoleAlone() {
        assertThat(ClientGrants.judge(MachineClientKind.GATEWAY, null, null, ADMIN))
                .isEqualTo(new ClientGrants.Granted(List.of(Roles.GATEWAY), List.of()));
    }

    @Test
    void givenAGatewayClientAskingForFinanceThenItIsBeyondItsKind() {
        assertThat(ClientGrants.judge(MachineClientKind.GATEWAY, List.of(Roles.GATEWAY, Roles.FINANCE), null, ADMIN))
                .isInstanceOfSatisfying(ClientGrants.Refused.class,
                        refused -> assertThat(refused.rule()).isEqualTo(MachineClientRules.SCOPE_BEYOND_KIND));
    }

    @Test
    void givenAnApiClientAskingForTheGatewayOrPlatformRoleThenItIsBeyondItsKind() {
        for (String role : List.of(Roles.GATEWAY, Roles.PLATFORM_ADMIN)) {
            assertThat(ClientGrants.judge(MachineClientKind.API, List.of(role), null, ADMIN))
                    .isInstanceOfSatisfying(ClientGrants.Refused.class,
                            refused -> assertThat(refused.rule()).isEqualTo(MachineClientRules.SCOPE_BEYOND_KIND));
        }
    }

    @Test
    void givenACreatorWhoIsNoAdministratorThenTheyGrantOnlyWhatTheyHold() {
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of(Roles.TENANT_ADMIN), null, Set.of(Roles.FINANCE)))
                .isInstanceOfSatisfying(ClientGrants.Refused.class,
                        refused -> assertThat(refused.rule()).isEqualTo(MachineClientRules.SCOPE_BEYOND_CREATOR));
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of(Roles.FINANCE), null, Set.of(Roles.FINANCE)))
                .isInstanceOf(ClientGrants.Granted.class);
    }

    @Test
    void givenAnAdministratorThenEveryTenantRoleMayBeGranted() {
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of(Roles.FINANCE, Roles.AUDITOR, Roles.FINANCE),
                null, ADMIN)).isEqualTo(new ClientGrants.Granted(List.of(Roles.AUDITOR, Roles.FINANCE), List.of()));
    }

    @Test
    void givenUnknownRolesOrNoneThenTheRuleIsNamed() {
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of("ROOT\u0000"), null, ADMIN))
                .isInstanceOfSatisfying(ClientGrants.Refused.class, refused -> {
                    assertThat(refused.rule()).isEqualTo(MachineClientRules.ROLE_UNKNOWN);
                    assertThat(refused.reason()).doesNotContain("\u0000");
                });
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of(), null, ADMIN))
                .isInstanceOfSatisfying(ClientGrants.Refused.class,
                        refused -> assertThat(refused.rule()).isEqualTo(MachineClientRules.ROLES_REQUIRED));
    }

    @Test
    void givenAManagersClientThenItNamesPropertiesAndNoOtherClientDoes() {
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of(Roles.PROPERTY_MANAGER), List.of(), ADMIN))
                .isInstanceOfSatisfying(ClientGrants.Refused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(MachineClientRules.MANAGER_WITHOUT_PROPERTIES));
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of(Roles.FINANCE), List.of("p1"), ADMIN))
                .isInstanceOfSatisfying(ClientGrants.Refused.class, refused ->
                        assertThat(refused.rule()).isEqualTo(MachineClientRules.PROPERTIES_WITHOUT_MANAGER));
        assertThat(ClientGrants.judge(MachineClientKind.API, List.of(Roles.PROPERTY_MANAGER), List.of("p1"), ADMIN))
                .isEqualTo(new ClientGrants.Granted(List.of(Roles.PROPERTY_MANAGER), List.of("p1")));
    }
}
