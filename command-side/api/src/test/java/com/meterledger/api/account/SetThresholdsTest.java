package com.meterledger.api.account;

import com.meterledger.api.error.RuleViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetThresholdsTest {
    private static final AccountId ACCOUNT = new AccountId("a-1");

    @Test
    void aReconnectLevelBeyondAnyTopUpIsRefused() {
        assertThatThrownBy(() -> new SetThresholds(ACCOUNT, new Thresholds(2_000, 500, 0, Long.MAX_VALUE)))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.rule()).isEqualTo(SetThresholds.OUT_OF_RANGE);
                    assertThat(violation.getMessage()).contains("reconnect level 9223372036854775807");
                });
    }

    @Test
    void aLevelFarBelowZeroIsRefused() {
        assertThatThrownBy(() -> new SetThresholds(ACCOUNT,
                new Thresholds(2_000, 500, Long.MIN_VALUE + 1, 100)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.getMessage()).contains("cut-off level"));
    }

    @Test
    void theReconnectLevelMustLieWithinOneLargestTopUpOfTheCutOff() {
        long max = SetThresholds.MAX_LEVEL;
        assertThatCode(() -> new SetThresholds(ACCOUNT, new Thresholds(max, max - 1, 0, max)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new SetThresholds(ACCOUNT, new Thresholds(max, max - 1, -2, max - 1)))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.getMessage())
                        .contains("above the cut-off level -2: supply could never return"));
    }
}
