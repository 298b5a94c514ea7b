package com.meterledger.tenantadmin.platform;

import com.meterledger.api.platform.PlatformRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform keeps an active operator, as a tenant keeps an active administrator. */
class OperatorRulesTest {
    @Test
    void givenTheLastActiveOperatorWhenTheyWouldBeDeactivatedThenThePlatformKeepsThem() {
        assertThat(OperatorRules.keepsAnOperator(true, 0)).isInstanceOfSatisfying(OperatorRules.Refused.class,
                refused -> {
                    assertThat(refused.rule()).isEqualTo(PlatformRules.LAST_OPERATOR);
                    assertThat(refused.reason()).contains("last active operator");
                });
    }

    @Test
    void givenAnotherActiveOperatorOrAnInvitationNeverAcceptedWhenDeactivatedThenThePlatformStillHasOne() {
        assertThat(OperatorRules.keepsAnOperator(true, 1)).isInstanceOf(OperatorRules.Kept.class);
        assertThat(OperatorRules.keepsAnOperator(false, 0)).as("an invited operator holds no access")
                .isInstanceOf(OperatorRules.Kept.class);
    }
}
