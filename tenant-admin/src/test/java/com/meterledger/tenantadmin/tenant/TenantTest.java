package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.tenant.ChangeSecondFactorPolicy;
import com.meterledger.api.tenant.SecondFactorPolicy;
import com.meterledger.api.tenant.SecondFactorPolicyChanged;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.error.FieldRejected;
import com.meterledger.api.tenant.AlertSettings;
import com.meterledger.api.tenant.AlertSettingsChanged;
import com.meterledger.api.tenant.ChangeAlertSettings;
import com.meterledger.api.tenant.ChangeTenantSettings;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.FriendlyHours;
import com.meterledger.api.tenant.PaymentLimits;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.api.tenant.TenantSettingsChanged;
import com.meterledger.api.tenant.SignUpTenant;
import com.meterledger.api.tenant.TenantProfile;
import com.meterledger.api.tenant.TenantSignedUp;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

/** The Tenant aggregate: given its history, when a command arrives, then what is stored. */
class TenantTest {
    private static final TenantId ID = new TenantId("harbour-homes");
    private static final Map<String, String> AS_ITSELF = Map.of(TENANT, ID.value());
    private static final TenantProfile PROFILE = new TenantProfile("Harbour Homes 港湾物业", "CN",
            Currency.getInstance("CNY"), ZoneId.of("Asia/Shanghai"), "zh-CN");
    private static final TenantSettings STANDARD = TenantSettings.standard(PROFILE);
    private static final Instant SIGNED_UP_AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void signingUpRecordsTheProfileWithoutAnyPersonsData() {
        fixture.givenCurrentTime(NOW)
                .when(new SignUpTenant(ID, PROFILE), AS_ITSELF)
                .expectEvents(new TenantSignedUp(ID, PROFILE, STANDARD, NOW));
    }

    @Test
    void noOneCanSignUpATenantOnAnotherTenantsBehalf() {
        fixture.givenNoPriorActivity()
                .when(new SignUpTenant(ID, PROFILE), Map.of(TENANT, "someone-else"))
                .expectException(NotFound.class)
                .expectNoEvents();
    }

    @Test
    void verifyingTheEmailIsAStepWithItsReason() {
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT))
                .andGivenCurrentTime(NOW)
                .when(new ChangeTenantStatus(ID, TenantStatus.VERIFIED, "administrator verified the e-mail"), AS_ITSELF)
                .expectEvents(new TenantStatusChanged(ID, TenantStatus.SIGNED_UP, TenantStatus.VERIFIED,
                        "administrator verified the e-mail", NOW))
                .expectResultMessagePayload(TenantStatus.VERIFIED);
    }

    @Test
    void aRefusedStepStoresNothingAndNamesTheRule() {
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT))
                .when(new ChangeTenantStatus(ID, TenantStatus.ACTIVE, "paid"), AS_ITSELF)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("cannot become ACTIVE"));
    }

    @Test
    void aRepeatedBillingFactChangesNothing() {
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT),
                        new TenantStatusChanged(ID, TenantStatus.SIGNED_UP, TenantStatus.VERIFIED, "verified", NOW),
                        new TenantStatusChanged(ID, TenantStatus.VERIFIED, TenantStatus.TRIALING, "trial", NOW),
                        new TenantStatusChanged(ID, TenantStatus.TRIALING, TenantStatus.PAST_DUE, "in_1 failed", NOW))
                .when(new ChangeTenantStatus(ID, TenantStatus.PAST_DUE, "in_1 failed"), AS_ITSELF)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(TenantStatus.PAST_DUE);
    }

    @Test
    void anotherTenantCannotChangeThisOnesStatusNorLearnThatItExists() {
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT))
                .when(new ChangeTenantStatus(ID, TenantStatus.CANCELLED, "bye"), Map.of(TENANT, "landlord-a"))
                .expectNoEvents()
                .expectException(NotFound.class);
    }

    @Test
    void aNewTenantStartsWithStandardSettingsInItsOwnZoneAndLanguage() {
        assertThat(STANDARD.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(STANDARD.language()).isEqualTo("zh-CN");
        assertThat(STANDARD.friendlyHours()).isEqualTo(FriendlyHours.standard());
    }

    @Test
    void changedSettingsAreRecordedWithTheMomentAndSavingThemAgainChangesNothing() {
        TenantSettings shorterNights = new TenantSettings(ZoneId.of("Asia/Shanghai"), "zh-CN",
                new FriendlyHours(LocalTime.of(22, 0), LocalTime.of(6, 0), false, List.of(LocalDate.of(2027, 2, 6))),
                PaymentLimits.standard(), 10_000, "港湾物业");
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified())
                .andGivenCurrentTime(NOW)
                .when(new ChangeTenantSettings(ID, shorterNights), AS_ITSELF)
                .expectEvents(new TenantSettingsChanged(ID, shorterNights, NOW));
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified(),
                        new TenantSettingsChanged(ID, shorterNights, NOW))
                .when(new ChangeTenantSettings(ID, shorterNights), AS_ITSELF)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSuspendedTenantCannotChangeItsSettingsButItsOccupantsAreUntouchedByThat() {
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified(),
                        new TenantStatusChanged(ID, TenantStatus.VERIFIED, TenantStatus.SUSPENDED, "operator", NOW))
                .when(new ChangeTenantSettings(ID, STANDARD), AS_ITSELF)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("SUSPENDED"));
    }

    @Test
    void settingsRefuseNonsenseByFieldName() {
        assertThatThrownBy(() -> new PaymentLimits(500, 100, List.of(200L)))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("payments.maximumMinor"));
        assertThatThrownBy(() -> new PaymentLimits(100, 1_000, List.of(2_000L)))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("payments.presetsMinor"));
        assertThatThrownBy(() -> new FriendlyHours(LocalTime.NOON, LocalTime.MIDNIGHT, true,
                List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1))))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("friendlyHours.holidays"));
        assertThatThrownBy(() -> new TenantSettings(ZoneId.of("UTC"), "en", FriendlyHours.standard(),
                PaymentLimits.standard(), -1, "X"))
                .isInstanceOfSatisfying(FieldRejected.class,
                        e -> assertThat(e.field()).isEqualTo("adjustmentApprovalLimitMinor"));
    }

    private static TenantStatusChanged verified() {
        return new TenantStatusChanged(ID, TenantStatus.SIGNED_UP, TenantStatus.VERIFIED, "verified", SIGNED_UP_AT);
    }

    @Test
    void aProfileRefusesAnUnknownLanguageOrCountry() {
        assertThatThrownBy(() -> new TenantProfile("X", "CN", Currency.getInstance("CNY"),
                ZoneId.of("Asia/Shanghai"), "fr")).hasMessageContaining("language");
        assertThatThrownBy(() -> new TenantProfile("X", "ZZ", Currency.getInstance("CNY"),
                ZoneId.of("Asia/Shanghai"), "en")).hasMessageContaining("country");
        assertThatThrownBy(() -> new TenantProfile("a\u0000b", "CN", Currency.getInstance("CNY"),
                ZoneId.of("Asia/Shanghai"), "en")).hasMessageContaining("organisationName");
    }

    @Test
    void givenTheStandardAlertSettingsWhenATenantChangesThemThenTheChangeIsOneEvent() {
        AlertSettings tighter = new AlertSettings(6, 2, 12, 4, 20_000, 40, 5, true);
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified())
                .andGivenCurrentTime(NOW)
                .when(new ChangeAlertSettings(ID, tighter), AS_ITSELF)
                .expectEvents(new AlertSettingsChanged(ID, tighter, NOW));
    }

    @Test
    void givenChangedAlertSettingsWhenTheSameAreSavedAgainThenNothingIsStored() {
        AlertSettings tighter = new AlertSettings(6, 2, 12, 4, 20_000, 40, 5, true);
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified(),
                        new AlertSettingsChanged(ID, tighter, NOW))
                .when(new ChangeAlertSettings(ID, tighter), AS_ITSELF)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenNoAlertSettingsWhenTheStandardOnesAreSavedThenNothingIsStored() {
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified())
                .when(new ChangeAlertSettings(ID, AlertSettings.standard()), AS_ITSELF)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenASuspendedTenantWhenItsAlertSettingsChangeThenTheyAreRefusedAndNothingIsStored() {
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified(),
                        new TenantStatusChanged(ID, TenantStatus.VERIFIED, TenantStatus.SUSPENDED, "operator", NOW))
                .when(new ChangeAlertSettings(ID, new AlertSettings(6, 2, 12, 4, 20_000, 40, 5, true)), AS_ITSELF)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void absurdAlertThresholdsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new AlertSettings(24 * 31 + 1, 3, 24, 24, 50_000, 30, 10, false))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("meterNotReadHours"));
        assertThatThrownBy(() -> new AlertSettings(24, 0, 24, 24, 50_000, 30, 10, false))
                .isInstanceOfSatisfying(FieldRejected.class, e -> assertThat(e.field()).isEqualTo("rejectedReadings"));
        assertThatThrownBy(() -> new AlertSettings(24, 3, 24, 24, 50_000, 100, 10, false))
                .isInstanceOfSatisfying(FieldRejected.class,
                        e -> assertThat(e.field()).isEqualTo("consumptionDropPercent"));
    }

    // access: the second-factor requirement is its own section, with its own event
    @Test
    void givenNoRuleWhenAnAdministratorRequiresASecondFactorThenItIsRecordedOnceAndRepeatingItChangesNothing() {
        SecondFactorPolicy required = new SecondFactorPolicy(true);
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified())
                .andGivenCurrentTime(NOW)
                .when(new ChangeSecondFactorPolicy(ID, required), AS_ITSELF)
                .expectEvents(new SecondFactorPolicyChanged(ID, required, NOW));
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified(),
                        new SecondFactorPolicyChanged(ID, required, NOW))
                .when(new ChangeSecondFactorPolicy(ID, required), AS_ITSELF)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new TenantSignedUp(ID, PROFILE, STANDARD, SIGNED_UP_AT), verified())
                .when(new ChangeSecondFactorPolicy(ID, SecondFactorPolicy.standard()), AS_ITSELF)
                .expectNoEvents();
    }

    @Test
    void givenTheRuleWhenSignInJudgesAPersonThenAdministratorsAndFinanceWithoutAKeyEnrolFirstAndOthersDoNot() {
        SecondFactorPolicy required = new SecondFactorPolicy(true);

        assertThat(required.judge(List.of("TENANT_ADMIN"), false)).isEqualTo(SecondFactorPolicy.Verdict.ENROL_FIRST);
        assertThat(required.judge(List.of("AUDITOR", "FINANCE"), false))
                .isEqualTo(SecondFactorPolicy.Verdict.ENROL_FIRST);
        assertThat(required.judge(List.of("PROPERTY_MANAGER", "AUDITOR"), false))
                .isEqualTo(SecondFactorPolicy.Verdict.PASSWORD_ONLY);
        assertThat(required.judge(List.of("AUDITOR"), true)).isEqualTo(SecondFactorPolicy.Verdict.CODE);
        assertThat(SecondFactorPolicy.standard().judge(List.of("TENANT_ADMIN"), false))
                .isEqualTo(SecondFactorPolicy.Verdict.PASSWORD_ONLY);
        assertThat(SecondFactorPolicy.standard().judge(List.of("TENANT_ADMIN"), true))
                .isEqualTo(SecondFactorPolicy.Verdict.CODE);
    }
}
