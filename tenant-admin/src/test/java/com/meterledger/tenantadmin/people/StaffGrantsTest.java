package com.meterledger.tenantadmin.people;

import com.meterledger.api.people.StaffRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may be given what, and what must stay: each refusal names its rule and the field at fault. */
class StaffGrantsTest {
    private static final Set<String> PROPERTIES = Set.of("sunrise-court", "harbour-view");
    private static final StaffGrants.Granter ADMIN = new StaffGrants.Granter(List.of("TENANT_ADMIN"), List.of());
    private static final StaffGrants.Granter FINANCE = new StaffGrants.Granter(List.of("FINANCE"), List.of());
    private static final StaffGrants.Granter MANAGER = new StaffGrants.Granter(List.of("PROPERTY_MANAGER"),
            List.of("sunrise-court"));

    @Test
    void givenAnAdministratorWhenGrantingAManagerOfOnePropertyThenItIsGranted() {
        assertThat(StaffGrants.grant(List.of("PROPERTY_MANAGER"), List.of("sunrise-court"), ADMIN, PROPERTIES))
                .isEqualTo(new StaffGrants.Granted(List.of("PROPERTY_MANAGER"), List.of("sunrise-court")));
    }

    @Test
    void givenSomeoneWhoIsNotAnAdministratorWhenMakingAnAdministratorThenOnlyAdminsMayIsTheRule() {
        assertRefused(StaffGrants.grant(List.of("TENANT_ADMIN"), List.of(), FINANCE, PROPERTIES), "roles", StaffRules.ADMIN_BY_ADMIN_ONLY);
    }

    @Test
    void givenFinanceWhenGrantingARoleTheyDoNotHoldThenNoOneGrantsMoreThanTheyHold() {
        assertThat(StaffGrants.grant(List.of("AUDITOR"), List.of(), FINANCE, PROPERTIES))
                .extracting(verdict -> ((StaffGrants.Refused) verdict).rule()).isEqualTo(StaffRules.BEYOND_GRANTER);
        assertThat(StaffGrants.grant(List.of("FINANCE"), List.of(), FINANCE, PROPERTIES))
                .isInstanceOf(StaffGrants.Granted.class);
    }

    @Test
    void givenAManagerWhenGrantingAPropertyTheyDoNotLookAfterThenItIsRefusedOnTheProperties() {
        assertThat(StaffGrants.grant(List.of("PROPERTY_MANAGER"), List.of("harbour-view"), MANAGER, PROPERTIES))
                .extracting(verdict -> ((StaffGrants.Refused) verdict).field()).isEqualTo("properties");
        assertThat(StaffGrants.grant(List.of("PROPERTY_MANAGER"), List.of("sunrise-court"), MANAGER, PROPERTIES))
                .isInstanceOf(StaffGrants.Granted.class);
    }

    @Test
    void givenDeviceOrPlatformRolesWhenGrantedToAPersonThenTheyAreNotGrantable() {
        assertRefused(StaffGrants.grant(List.of("GATEWAY"), List.of(), ADMIN, PROPERTIES), "roles", StaffRules.ROLE_NOT_GRANTABLE);
        assertRefused(StaffGrants.grant(List.of("PLATFORM_ADMIN"), List.of(), ADMIN, PROPERTIES), "roles", StaffRules.ROLE_NOT_GRANTABLE);
        assertRefused(StaffGrants.grant(List.of("OWNER"), List.of(), ADMIN, PROPERTIES), "roles", StaffRules.ROLE_UNKNOWN);
        assertRefused(StaffGrants.grant(List.of(), List.of(), ADMIN, PROPERTIES), "roles", StaffRules.ROLES_REQUIRED);
    }

    @Test
    void givenAScopeWhenItDoesNotFitTheRolesOrTheTenantThenThePropertiesAreRefused() {
        assertRefused(StaffGrants.grant(List.of("PROPERTY_MANAGER"), List.of(), ADMIN, PROPERTIES), "properties", StaffRules.MANAGER_WITHOUT_PROPERTIES);
        assertRefused(StaffGrants.grant(List.of("FINANCE"), List.of("sunrise-court"), ADMIN, PROPERTIES), "properties", StaffRules.PROPERTIES_WITHOUT_MANAGER);
        assertRefused(StaffGrants.grant(List.of("PROPERTY_MANAGER"), List.of("another-tenants"), ADMIN, PROPERTIES), "properties", StaffRules.PROPERTY_UNKNOWN);
    }

    @Test
    void givenTheLastAdministratorWhenTheyWouldLoseTheRoleThenTheTenantKeepsThem() {
        assertThat(StaffGrants.keepsAnAdministrator(true, false, 0)).isInstanceOfSatisfying(StaffGrants.Refused.class,
                refused -> assertThat(refused.rule()).isEqualTo(StaffRules.LAST_ADMINISTRATOR));
        assertThat(StaffGrants.keepsAnAdministrator(true, false, 1)).isInstanceOf(StaffGrants.Kept.class);
        assertThat(StaffGrants.keepsAnAdministrator(true, true, 0)).isInstanceOf(StaffGrants.Kept.class);
        assertThat(StaffGrants.keepsAnAdministrator(false, false, 0)).isInstanceOf(StaffGrants.Kept.class);
    }

    private static void assertRefused(StaffGrants.Verdict verdict, String field, String rule) {
        assertThat(verdict).isInstanceOfSatisfying(StaffGrants.Refused.class, refused -> {
            assertThat(refused.field()).isEqualTo(field);
            assertThat(refused.rule()).isEqualTo(rule);
            assertThat(refused.reason()).isNotBlank();
        });
    }
}
