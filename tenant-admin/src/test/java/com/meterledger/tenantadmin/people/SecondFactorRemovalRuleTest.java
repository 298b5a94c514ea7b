package com.meterledger.tenantadmin.people;

import com.meterledger.tenantadmin.people.SecondFactorRemovalRule.Refused;
import com.meterledger.tenantadmin.people.SecondFactorRemovalRule.Remove;
import com.meterledger.tenantadmin.people.SecondFactorRemovalRule.Requirement;
import org.junit.jupiter.api.Test;

import static com.meterledger.tenantadmin.people.SecondFactorRemovalRule.judge;
import static org.assertj.core.api.Assertions.assertThat;

/** Removing one's own second factor: what the person cannot change by typing first, then the password, the code. */
class SecondFactorRemovalRuleTest {
    @Test
    void givenTheRightPasswordAndCodeAndNoRequirementThenTheKeyGoes() {
        assertThat(judge(true, Requirement.NONE, false, true, true)).isInstanceOf(Remove.class);
    }

    @Test
    void givenARequirementThenItIsRefusedWhateverIsTypedAndNoAttemptIsCounted() {
        assertThat(judge(true, Requirement.TENANT, false, true, true)).isEqualTo(new Refused(
                "second-factor-required-by-tenant", null, false,
                "Your organisation requires a second factor for your role; it cannot be removed."));
        assertThat(judge(true, Requirement.PLATFORM, false, false, false)).isInstanceOfSatisfying(Refused.class,
                refused -> {
                    assertThat(refused.rule()).isEqualTo("platform-second-factor-required");
                    assertThat(refused.failedAttempt()).isFalse();
                });
    }

    @Test
    void givenNoSecondFactorOrALockoutThenItIsRefusedBeforeThePasswordIsJudged() {
        assertThat(judge(false, Requirement.TENANT, true, true, true)).extracting("rule")
                .isEqualTo("second-factor-not-enrolled");
        assertThat(judge(true, Requirement.NONE, true, false, false)).isInstanceOfSatisfying(Refused.class,
                refused -> {
                    assertThat(refused.rule()).isEqualTo("second-factor-removal-locked-out");
                    assertThat(refused.failedAttempt()).as("a locked person's guesses are not judged").isFalse();
                });
    }

    @Test
    void givenAWrongPasswordOrCodeThenTheFieldIsNamedAndItCountsAsAFailedAttempt() {
        assertThat(judge(true, Requirement.NONE, false, false, false)).isEqualTo(new Refused(
                "second-factor-removal-password-wrong", "password", true, "That is not your current password."));
        assertThat(judge(true, Requirement.NONE, false, true, false)).isEqualTo(new Refused(
                "second-factor-removal-code-wrong", "code", true, "That is not the code your app shows now."));
    }
}
