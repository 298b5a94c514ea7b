package com.meterledger.api.tenant;

import com.meterledger.api.error.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentLimitsTest {
    private final PaymentLimits limits = new PaymentLimits(500, 20_000, List.of(1_000L, 5_000L));

    @Test
    void givenLimits_whenAnAmountIsOnEitherBound_thenItIsWithin() {
        assertThat(limits.judge(500)).isEqualTo(PaymentLimits.Verdict.WITHIN);
        assertThat(limits.judge(20_000)).isEqualTo(PaymentLimits.Verdict.WITHIN);
        assertThatCode(() -> limits.require(500)).doesNotThrowAnyException();
    }

    @Test
    void givenLimits_whenAnAmountIsOneMinorUnitOutside_thenTheVerdictNamesTheBoundItCrossed() {
        assertThat(limits.judge(499)).isEqualTo(PaymentLimits.Verdict.BELOW_MINIMUM);
        assertThat(limits.judge(20_001)).isEqualTo(PaymentLimits.Verdict.ABOVE_MAXIMUM);
        assertThat(limits.judge(499).allowed()).isFalse();
    }

    @Test
    void givenLimits_whenAHandlerRequiresAnAmountOutsideThem_thenTheRefusalCarriesTheOneStableRule() {
        assertThatThrownBy(() -> limits.require(20_001))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.rule()).isEqualTo(PaymentLimits.AMOUNT_RULE)
                            .isEqualTo("payment-amount-out-of-limits");
                    assertThat(violation.getMessage()).contains("between 500 and 20000", "not 20001");
                });
    }
}
