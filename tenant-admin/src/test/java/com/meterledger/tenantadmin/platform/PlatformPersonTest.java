package com.meterledger.tenantadmin.platform;

import com.meterledger.api.platform.AcceptPlatformInvitation;
import com.meterledger.api.platform.DeactivatePlatformPerson;
import com.meterledger.api.platform.InvitePlatformPerson;
import com.meterledger.api.platform.PlatformInvitationAccepted;
import com.meterledger.api.platform.PlatformPersonDeactivated;
import com.meterledger.api.platform.PlatformPersonId;
import com.meterledger.api.platform.PlatformPersonInvited;
import com.meterledger.api.platform.PlatformSecondFactorEnrolled;
import com.meterledger.api.platform.RecordPlatformSecondFactorEnrolment;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.meterledger.api.shared.MetadataKeys.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

/** An operator's history: given its events, when an operator's change arrives, then what is stored, with its actor. */
class PlatformPersonTest {
    private static final PlatformPersonId OPERATOR = PlatformPersonId.of(
            UUID.fromString("0f6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"));
    private static final String INVITER = "platform:5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private static final Instant INVITED_AT = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private AggregateTestFixture<PlatformPerson> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlatformPerson.class);
    }

    @Test
    void anInvitationNamesTheInvitingOperatorAndTheOperatorByIdOnly() {
        fixture.givenCurrentTime(INVITED_AT)
                .when(new InvitePlatformPerson(OPERATOR), Map.of(ACTOR, INVITER))
                .expectEvents(new PlatformPersonInvited(OPERATOR, INVITER, INVITED_AT));
        assertThat(PlatformPersonInvited.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("personId", "invitedBy", "at");
    }

    @Test
    void givenAnInvitedOperatorWhenTheyAcceptThenTheAcceptanceIsRecorded() {
        fixture.given(new PlatformPersonInvited(OPERATOR, INVITER, INVITED_AT))
                .andGivenCurrentTime(NOW)
                .when(new AcceptPlatformInvitation(OPERATOR), Map.of(ACTOR, "platform:" + UUID.randomUUID()))
                .expectEvents(new PlatformInvitationAccepted(OPERATOR, NOW));
    }

    @Test
    void givenAnActiveOperatorWhenDeactivatedThenTheActorIsRecordedAndASecondDeactivationRecordsNothing() {
        fixture.given(new PlatformPersonInvited(OPERATOR, INVITER, INVITED_AT),
                        new PlatformInvitationAccepted(OPERATOR, INVITED_AT))
                .andGivenCurrentTime(NOW)
                .when(new DeactivatePlatformPerson(OPERATOR), Map.of(ACTOR, INVITER))
                .expectEvents(new PlatformPersonDeactivated(OPERATOR, INVITER, NOW));

        fixture.given(new PlatformPersonInvited(OPERATOR, INVITER, INVITED_AT),
                        new PlatformPersonDeactivated(OPERATOR, INVITER, NOW))
                .when(new DeactivatePlatformPerson(OPERATOR), Map.of(ACTOR, INVITER))
                .expectNoEvents();
    }

    @Test
    void givenADeactivatedOperatorWhenALinkIsAcceptedThenItIsRefused() {
        fixture.given(new PlatformPersonInvited(OPERATOR, INVITER, INVITED_AT),
                        new PlatformPersonDeactivated(OPERATOR, INVITER, NOW))
                .when(new AcceptPlatformInvitation(OPERATOR), Map.of(ACTOR, INVITER))
                .expectException(IllegalStateException.class);
    }

    @Test
    void givenAnActiveOperatorWhenTheyEnrolASecondFactorThenTheEnrolmentNamesTheActorAndCarriesNoKey() {
        String self = "platform:0f6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
        fixture.given(new PlatformPersonInvited(OPERATOR, INVITER, INVITED_AT),
                        new PlatformInvitationAccepted(OPERATOR, INVITED_AT))
                .andGivenCurrentTime(NOW)
                .when(new RecordPlatformSecondFactorEnrolment(OPERATOR), Map.of(ACTOR, self))
                .expectEvents(new PlatformSecondFactorEnrolled(OPERATOR, self, NOW));
        assertThat(PlatformSecondFactorEnrolled.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("personId", "enrolledBy", "at");
    }

    @Test
    void givenADeactivatedOperatorWhenASecondFactorIsRecordedThenItIsRefused() {
        fixture.given(new PlatformPersonInvited(OPERATOR, INVITER, INVITED_AT),
                        new PlatformPersonDeactivated(OPERATOR, INVITER, NOW))
                .when(new RecordPlatformSecondFactorEnrolment(OPERATOR), Map.of(ACTOR, INVITER))
                .expectException(IllegalStateException.class);
    }
}
