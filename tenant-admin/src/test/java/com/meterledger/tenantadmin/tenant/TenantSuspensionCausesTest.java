package com.meterledger.tenantadmin.tenant;

import com.meterledger.api.error.RuleViolation;
import com.meterledger.api.shared.TenantId;
import com.meterledger.api.tenant.ChangeTenantStatus;
import com.meterledger.api.tenant.ResumeTenantByOperator;
import com.meterledger.api.tenant.SuspendTenantByOperator;
import com.meterledger.api.tenant.TenantBillingStatusHeld;
import com.meterledger.api.tenant.TenantProfile;
import com.meterledger.api.tenant.TenantResumedByOperator;
import com.meterledger.api.tenant.TenantRules;
import com.meterledger.api.tenant.TenantSettings;
import com.meterledger.api.tenant.TenantSignedUp;
import com.meterledger.api.tenant.TenantStatus;
import com.meterledger.api.tenant.TenantStatusChanged;
import com.meterledger.api.tenant.TenantSuspendedByOperator;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;

import static com.meterledger.api.shared.MetadataKeys.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The operator's suspension and billing's suspension of a tenant, each lifted by its own cause only: resuming by the
 * operator does not undo a suspension for an unpaid invoice, and paying does not undo the operator's.
 */
class TenantSuspensionCausesTest {
    private static final TenantId ID = new TenantId("harbour-homes");
    private static final Map<String, String> AS_ITSELF = Map.of(TENANT, ID.value());
    private static final TenantProfile PROFILE = new TenantProfile("Harbour Homes", "CN",
            Currency.getInstance("CNY"), ZoneId.of("Asia/Shanghai"), "zh-CN");
    private static final Instant THEN = Instant.parse("2026-12-01T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void anOperatorSuspendsAnActiveTenantAsAHoldOfItsOwnWithItsReason() {
        fixture.given(active()).andGivenCurrentTime(NOW)
                .when(new SuspendTenantByOperator(ID, "abuse report 17"), AS_ITSELF)
                .expectEvents(new TenantSuspendedByOperator(ID, "abuse report 17", NOW),
                        new TenantStatusChanged(ID, TenantStatus.ACTIVE, TenantStatus.SUSPENDED, "abuse report 17",
                                NOW))
                .expectResultMessagePayload(TenantStatus.SUSPENDED);
    }

    @Test
    void givenAnOperatorsSuspensionWhenTheInvoiceIsPaidThenTheTenantStaysSuspendedAndBillingsStepIsKept() {
        fixture.given(pastDue()).andGiven(operatorSuspended(TenantStatus.PAST_DUE)).andGivenCurrentTime(NOW)
                .when(new ChangeTenantStatus(ID, TenantStatus.ACTIVE, "invoice in_2 paid"), AS_ITSELF)
                .expectEvents(new TenantBillingStatusHeld(ID, TenantStatus.PAST_DUE, TenantStatus.ACTIVE,
                        "invoice in_2 paid", NOW))
                .expectResultMessagePayload(TenantStatus.SUSPENDED);
    }

    @Test
    void givenAnOperatorsSuspensionAndAPaidInvoiceWhenTheOperatorResumesThenTheTenantIsActive() {
        fixture.given(pastDue()).andGiven(operatorSuspended(TenantStatus.PAST_DUE))
                .andGiven(new TenantBillingStatusHeld(ID, TenantStatus.PAST_DUE, TenantStatus.ACTIVE, "paid", THEN))
                .andGivenCurrentTime(NOW)
                .when(new ResumeTenantByOperator(ID, "cleared"), AS_ITSELF)
                .expectEvents(new TenantResumedByOperator(ID, "cleared", NOW),
                        new TenantStatusChanged(ID, TenantStatus.SUSPENDED, TenantStatus.ACTIVE, "cleared", NOW))
                .expectResultMessagePayload(TenantStatus.ACTIVE);
    }

    @Test
    void givenASuspensionForAnUnpaidInvoiceWhenTheOperatorResumesThenItIsRefusedNamingTheRule() {
        fixture.given(pastDue()).andGiven(new TenantStatusChanged(ID, TenantStatus.PAST_DUE, TenantStatus.SUSPENDED,
                        "grace period over", THEN))
                .when(new ResumeTenantByOperator(ID, "looks fine"), AS_ITSELF)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("unpaid invoice"));
    }

    @Test
    void givenBothSuspensionsWhenTheOperatorResumesThenTheTenantStaysSuspendedForTheUnpaidInvoice() {
        fixture.given(pastDue())
                .andGiven(new TenantStatusChanged(ID, TenantStatus.PAST_DUE, TenantStatus.SUSPENDED,
                        "grace period over", THEN),
                        new TenantSuspendedByOperator(ID, "abuse report 17", THEN))
                .andGivenCurrentTime(NOW)
                .when(new ResumeTenantByOperator(ID, "abuse cleared"), AS_ITSELF)
                .expectEvents(new TenantResumedByOperator(ID, "abuse cleared", NOW))
                .expectResultMessagePayload(TenantStatus.SUSPENDED);
    }

    @Test
    void givenBothSuspensionsWhenTheInvoiceIsPaidThenTheOperatorsSuspensionStillHolds() {
        fixture.given(pastDue())
                .andGiven(new TenantStatusChanged(ID, TenantStatus.PAST_DUE, TenantStatus.SUSPENDED,
                        "grace period over", THEN),
                        new TenantSuspendedByOperator(ID, "abuse report 17", THEN))
                .andGivenCurrentTime(NOW)
                .when(new ChangeTenantStatus(ID, TenantStatus.ACTIVE, "invoice in_2 paid"), AS_ITSELF)
                .expectEvents(new TenantBillingStatusHeld(ID, TenantStatus.SUSPENDED, TenantStatus.ACTIVE,
                        "invoice in_2 paid", NOW))
                .expectResultMessagePayload(TenantStatus.SUSPENDED);
    }

    @Test
    void aSecondSuspensionByTheOperatorChangesNothingAndAResumptionWithoutAHoldIsRefused() {
        fixture.given(active()).andGiven(operatorSuspended(TenantStatus.ACTIVE))
                .when(new SuspendTenantByOperator(ID, "again"), AS_ITSELF)
                .expectNoEvents()
                .expectResultMessagePayload(TenantStatus.SUSPENDED);
        fixture.given(active())
                .when(new ResumeTenantByOperator(ID, "why not"), AS_ITSELF)
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("not suspended by an operator"));
    }

    @Test
    void givenAnOperatorsSuspensionWhenTheTenantIsCancelledThenTheHoldEndsWithIt() {
        fixture.given(active()).andGiven(operatorSuspended(TenantStatus.ACTIVE))
                .andGiven(new TenantStatusChanged(ID, TenantStatus.SUSPENDED, TenantStatus.CANCELLED, "leaving", THEN))
                .when(new ResumeTenantByOperator(ID, "back"), AS_ITSELF)
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void theRuleNamesItsRefusalsAndWhereTheTenantGoes() {
        assertThat(OperatorSuspension.resume(TenantStatus.SUSPENDED, false, "x"))
                .isEqualTo(new OperatorSuspension.Refused(TenantRules.NOT_SUSPENDED_BY_OPERATOR,
                        "the tenant is suspended for an unpaid invoice, not by an operator: paying the invoice lifts it"));
        assertThat(OperatorSuspension.resume(TenantStatus.SUSPENDED, true, "x"))
                .isEqualTo(new OperatorSuspension.Lift(TenantStatus.SUSPENDED));
        assertThat(OperatorSuspension.resume(TenantStatus.TRIALING, true, " "))
                .isEqualTo(new OperatorSuspension.Refused(TenantRules.REASON_REQUIRED, "a resumption needs a reason"));
        assertThat(OperatorSuspension.suspend(TenantStatus.CLOSED, false, "x"))
                .isInstanceOf(OperatorSuspension.Refused.class);
        assertThat(OperatorSuspension.suspend(TenantStatus.SUSPENDED, false, "x"))
                .isEqualTo(new OperatorSuspension.Hold(TenantStatus.SUSPENDED));
        assertThat(OperatorSuspension.suspend(TenantStatus.ACTIVE, true, "x"))
                .isEqualTo(new OperatorSuspension.AlreadyHeld());
    }

    private static Object[] active() {
        return new Object[] {new TenantSignedUp(ID, PROFILE, TenantSettings.standard(PROFILE), THEN),
                new TenantStatusChanged(ID, TenantStatus.SIGNED_UP, TenantStatus.VERIFIED, "verified", THEN),
                new TenantStatusChanged(ID, TenantStatus.VERIFIED, TenantStatus.ACTIVE, "paid", THEN)};
    }

    private static Object[] pastDue() {
        Object[] active = active();
        return new Object[] {active[0], active[1], active[2],
                new TenantStatusChanged(ID, TenantStatus.ACTIVE, TenantStatus.PAST_DUE, "in_2 failed", THEN)};
    }

    private static Object[] operatorSuspended(TenantStatus from) {
        return new Object[] {new TenantSuspendedByOperator(ID, "abuse report 17", THEN),
                new TenantStatusChanged(ID, from, TenantStatus.SUSPENDED, "abuse report 17", THEN)};
    }
}
