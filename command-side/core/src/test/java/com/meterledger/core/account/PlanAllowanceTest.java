package com.meterledger.core.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One more active meter under the tenant's plan. */
class PlanAllowanceTest {

    @Test
    void withoutAPlanLimitEveryMoveInIsAllowed() {
        assertThat(PlanAllowance.oneMore(10_000, null)).isEqualTo(new PlanAllowance.Allowed());
    }

    @Test
    void theLastMeterThePlanAllowsIsAllowedAndTheNextIsOverTheLimitNamingIt() {
        assertThat(PlanAllowance.oneMore(1, 2L)).isEqualTo(new PlanAllowance.Allowed());
        assertThat(PlanAllowance.oneMore(2, 2L)).isEqualTo(new PlanAllowance.OverLimit(2, 2));
    }

    @Test
    void aTenantAlreadyOverItsLimitAfterADowngradeKeepsItsMetersButAddsNone() {
        assertThat(PlanAllowance.oneMore(7, 5L)).isEqualTo(new PlanAllowance.OverLimit(5, 7));
    }
}
