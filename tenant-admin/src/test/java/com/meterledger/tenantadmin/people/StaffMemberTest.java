package com.meterledger.tenantadmin.people;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.people.AcceptInvitation;
import com.meterledger.api.people.ChangePersonRoles;
import com.meterledger.api.people.DeactivatePerson;
import com.meterledger.api.people.InvitationAccepted;
import com.meterledger.api.people.InvitePerson;
import com.meterledger.api.people.PersonDeactivated;
import com.meterledger.api.people.PersonId;
import com.meterledger.api.people.PersonInvited;
import com.meterledger.api.people.PersonReactivated;
import com.meterledger.api.people.PersonRolesChanged;
import com.meterledger.api.people.ReactivatePerson;
import com.meterledger.api.people.RecordSecondFactorRemoval;
import com.meterledger.api.people.RecordSignInLockout;
import com.meterledger.api.people.SecondFactorRemoved;
import com.meterledger.api.people.SignInLockedOut;
import com.meterledger.api.people.StaffMemberId;
import com.meterledger.api.people.StaffRules;
import com.meterledger.api.shared.TenantId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/** A person's membership of a tenant: given its history, when a command arrives, then what is stored. */
class StaffMemberTest {
    private static final TenantId TENANT_ID = new TenantId("harbour-homes");
    private static final Map<String, String> AS_TENANT = Map.of(TENANT, TENANT_ID.value());
    private static final StaffMemberId MEMBER = new StaffMemberId("sm-0123456789abcdef0123");
    private static final PersonId PERSON = new PersonId(UUID.fromString("7d5e2a8c-1b3f-4c6d-9e0a-2f4b6d8e0a1c"));
    private static final List<String> MANAGER = List.of("PROPERTY_MANAGER");
    private static final List<String> SUNRISE = List.of("sunrise-court");
    private static final Instant INVITED_AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final PersonInvited INVITED = new PersonInvited(MEMBER, TENANT_ID, PERSON, MANAGER, SUNRISE,
            INVITED_AT);
    private static final InvitationAccepted ACCEPTED = new InvitationAccepted(MEMBER, TENANT_ID, PERSON, INVITED_AT);

    private AggregateTestFixture<StaffMember> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StaffMember.class);
    }

    @Test
    void anInvitationRecordsTheRolesAndScopeByIdsOnlyNeverANameOrAnAddress() {
        fixture.givenCurrentTime(INVITED_AT)
                .when(new InvitePerson(MEMBER, TENANT_ID, PERSON, MANAGER, SUNRISE), AS_TENANT)
                .expectEvents(INVITED)
                .expectState(member -> assertThat(member).isNotNull());
        assertThat(PersonInvited.class.getRecordComponents()).extracting(c -> c.getName())
                .doesNotContain("name", "email", "password");
    }

    @Test
    void noOneInvitesIntoAnotherTenant() {
        fixture.givenNoPriorActivity()
                .when(new InvitePerson(MEMBER, TENANT_ID, PERSON, MANAGER, SUNRISE), Map.of(TENANT, "someone-else"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    @Test
    void anInvitationIsAcceptedOnce() {
        fixture.given(INVITED)
                .andGivenCurrentTime(NOW)
                .when(new AcceptInvitation(MEMBER), AS_TENANT)
                .expectEvents(new InvitationAccepted(MEMBER, TENANT_ID, PERSON, NOW));
        fixture.given(INVITED, ACCEPTED)
                .when(new AcceptInvitation(MEMBER), AS_TENANT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already used"))
                .expectNoEvents();
    }

    @Test
    void aDeactivatedPersonsInvitationCannotBeAccepted() {
        fixture.given(INVITED, new PersonDeactivated(MEMBER, TENANT_ID, PERSON, NOW))
                .when(new AcceptInvitation(MEMBER), AS_TENANT)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aRoleChangeRecordsBeforeAndAfter() {
        fixture.given(INVITED, ACCEPTED)
                .andGivenCurrentTime(NOW)
                .when(new ChangePersonRoles(MEMBER, List.of("FINANCE"), List.of()), AS_TENANT)
                .expectEvents(new PersonRolesChanged(MEMBER, TENANT_ID, PERSON, MANAGER, SUNRISE, List.of("FINANCE"),
                        List.of(), NOW));
    }

    @Test
    void theSameRolesAgainRecordNothing() {
        fixture.given(INVITED, ACCEPTED)
                .when(new ChangePersonRoles(MEMBER, MANAGER, SUNRISE), AS_TENANT)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeactivatedPersonsRolesAreNotChangedAndTheRuleIsNamed() {
        fixture.given(INVITED, ACCEPTED, new PersonDeactivated(MEMBER, TENANT_ID, PERSON, NOW))
                .when(new ChangePersonRoles(MEMBER, List.of("FINANCE"), List.of()), AS_TENANT)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("reactivate"))
                .expectNoEvents();
        assertThat(StaffRules.DEACTIVATED).isEqualTo("person-deactivated");
    }

    @Test
    void deactivatingTwiceRecordsItOnce() {
        fixture.given(INVITED, ACCEPTED)
                .andGivenCurrentTime(NOW)
                .when(new DeactivatePerson(MEMBER), AS_TENANT)
                .expectEvents(new PersonDeactivated(MEMBER, TENANT_ID, PERSON, NOW))
                .expectResultMessagePayload(true);
        fixture.given(INVITED, ACCEPTED, new PersonDeactivated(MEMBER, TENANT_ID, PERSON, NOW))
                .when(new DeactivatePerson(MEMBER), AS_TENANT)
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void anotherTenantFindsNoSuchPerson() {
        fixture.given(INVITED, ACCEPTED)
                .when(new DeactivatePerson(MEMBER), Map.of(TENANT, "someone-else"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    @Test
    void aLockoutIsRecordedForAnActiveMemberWithoutAnyAddressAndNotForADeactivatedOne() {
        Instant until = NOW.plusSeconds(60);
        fixture.given(INVITED, ACCEPTED)
                .andGivenCurrentTime(NOW)
                .when(new RecordSignInLockout(MEMBER, 5, until), AS_TENANT)
                .expectEvents(new SignInLockedOut(MEMBER, TENANT_ID, PERSON, 5, until, NOW));
        fixture.given(INVITED, ACCEPTED, new PersonDeactivated(MEMBER, TENANT_ID, PERSON, NOW))
                .when(new RecordSignInLockout(MEMBER, 5, until), AS_TENANT)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPersonsOwnRemovalOfTheirSecondFactorIsRecordedByIdsOnlyAndNotForAnotherTenant() {
        fixture.given(INVITED, ACCEPTED)
                .andGivenCurrentTime(NOW)
                .when(new RecordSecondFactorRemoval(MEMBER), AS_TENANT)
                .expectEvents(new SecondFactorRemoved(MEMBER, TENANT_ID, PERSON, NOW));
        fixture.given(INVITED, ACCEPTED)
                .when(new RecordSecondFactorRemoval(MEMBER), Map.of(TENANT, "someone-else"))
                .expectException(NotFound.class)
                .expectNoEvents();
        assertThat(SecondFactorRemoved.class.getRecordComponents()).extracting(c -> c.getName())
                .doesNotContain("key", "secret", "code", "password", "email");
    }

    @Test
    void aReactivatedPersonWhoNeverAcceptedIsStillOnlyInvited() {
        fixture.given(INVITED, new PersonDeactivated(MEMBER, TENANT_ID, PERSON, NOW))
                .andGivenCurrentTime(NOW)
                .when(new ReactivatePerson(MEMBER), AS_TENANT)
                .expectEvents(new PersonReactivated(MEMBER, TENANT_ID, PERSON, NOW))
                .expectState(member -> assertThat(member).extracting("state")
                        .isEqualTo(StaffMember.State.INVITED));
        fixture.given(INVITED, ACCEPTED)
                .when(new ReactivatePerson(MEMBER), AS_TENANT)
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }
}
