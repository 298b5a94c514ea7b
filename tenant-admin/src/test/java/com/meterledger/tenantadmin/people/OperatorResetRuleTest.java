package com.meterledger.tenantadmin.people;

import com.meterledger.tenantadmin.people.OperatorResetRule.Refused;
import com.meterledger.tenantadmin.people.OperatorResetRule.Reset;
import org.junit.jupiter.api.Test;

import static com.meterledger.tenantadmin.people.OperatorResetRule.judge;
import static org.assertj.core.api.Assertions.assertThat;

/** A platform operator resets a tenant's person's second factor: there must be one; other tenants are no obstacle. */
class OperatorResetRuleTest {
    @Test
    void givenAPersonWithASecondFactorThenTheKeyGoes() {
        assertThat(judge(true)).isInstanceOf(Reset.class);
    }

    @Test
    void givenAPersonWithoutOneThenItIsRefusedAsNotEnrolled() {
        assertThat(judge(false)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.rule()).isEqualTo("platform-staff-second-factor-not-enrolled"));
    }
}
