package com.meterledger.tenantadmin.people;

import com.meterledger.tenantadmin.people.SecondFactorResetRule.Refused;
import com.meterledger.tenantadmin.people.SecondFactorResetRule.Reset;
import org.junit.jupiter.api.Test;

import static com.meterledger.tenantadmin.people.SecondFactorResetRule.judge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator resets another person's second factor: there must be one, it must not be their own, and the person
 * must not work for another tenant too (the key would go there as well).
 */
class SecondFactorResetRuleTest {
    @Test
    void givenAnotherPersonWithASecondFactorThenTheKeyGoes() {
        assertThat(judge(true, false, false)).isInstanceOf(Reset.class);
    }

    @Test
    void givenAPersonWithoutOneThenItIsRefusedAsNotEnrolled() {
        assertThat(judge(false, false, false)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.rule()).isEqualTo("second-factor-reset-not-enrolled"));
    }

    @Test
    void givenTheAdministratorsOwnThenItIsRefusedWhetherOrNotTheyHaveOne() {
        assertThat(judge(true, true, false)).extracting("rule").isEqualTo("second-factor-reset-own");
        assertThat(judge(false, true, false)).extracting("rule").isEqualTo("second-factor-reset-own");
    }

    @Test
    void givenAPersonWhoAlsoWorksForAnotherTenantThenItIsRefusedThere() {
        assertThat(judge(true, false, true)).extracting("rule").isEqualTo("second-factor-reset-other-tenant");
        assertThat(judge(true, true, true)).extracting("rule").isEqualTo("second-factor-reset-own");
    }
}
