package com.meterledger.gateway.payment.billing;

import com.meterledger.api.tenant.TenantStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stripe's billing facts in our words: which step of the tenant each asks for, and why. */
class BillingTransitionsTest {

    @Test
    void aSubscriptionsStatusAsksForTheTenantStateOfTheSameMeaning() {
        assertThat(BillingTransitions.subscription("sub_1", "trialing", false))
                .isEqualTo(new BillingTransitions.Become(TenantStatus.TRIALING, "subscription sub_1 is in its trial"));
        assertThat(BillingTransitions.subscription("sub_1", "active", false))
                .isEqualTo(new BillingTransitions.Become(TenantStatus.ACTIVE, "subscription sub_1 is active"));
        assertThat(BillingTransitions.subscription("sub_1", "past_due", false))
                .isEqualTo(new BillingTransitions.Become(TenantStatus.PAST_DUE, "subscription sub_1 is past_due"));
        assertThat(BillingTransitions.subscription("sub_1", "canceled", false))
                .isEqualTo(new BillingTransitions.Become(TenantStatus.CANCELLED, "subscription sub_1 is canceled"));
        assertThat(BillingTransitions.subscription("sub_1", "active", true))
                .isEqualTo(new BillingTransitions.Become(TenantStatus.CANCELLED, "subscription sub_1 ended"));
    }

    @Test
    void stripesUnpaidStaysPastDueBecauseSuspensionIsThePlatformsGracePeriodsDecision() {
        assertThat(BillingTransitions.subscription("sub_1", "unpaid", false))
                .isEqualTo(new BillingTransitions.Become(TenantStatus.PAST_DUE, "subscription sub_1 is unpaid"));
    }

    @Test
    void aTrialEndedWithoutACardSuspendsStaffWritesAndAnIncompleteSubscriptionChangesNothing() {
        assertThat(BillingTransitions.subscription("sub_1", "paused", false)).isInstanceOfSatisfying(
                BillingTransitions.Become.class, become -> assertThat(become.status()).isEqualTo(TenantStatus.SUSPENDED));
        assertThat(BillingTransitions.subscription("sub_1", "incomplete", false))
                .isInstanceOf(BillingTransitions.Unchanged.class);
    }

    @Test
    void aZeroInvoiceLeavesTheStateToTheSubscriptionButAnyOtherPaidInvoiceMakesTheTenantActive() {
        assertThat(BillingTransitions.invoicePaid("in_0", 0)).isEqualTo(
                new BillingTransitions.Unchanged("invoice in_0 is a zero invoice: the subscription's status decides"));
        assertThat(BillingTransitions.invoicePaid("in_1", 1200))
                .isEqualTo(new BillingTransitions.Become(TenantStatus.ACTIVE, "invoice in_1 paid"));
    }

    @Test
    void aFailedInvoiceMakesTheTenantPastDueNamingTheInvoice() {
        assertThat(BillingTransitions.invoiceFailed("in_9")).isEqualTo(
                new BillingTransitions.Become(TenantStatus.PAST_DUE, "invoice in_9 payment failed"));
    }
}
