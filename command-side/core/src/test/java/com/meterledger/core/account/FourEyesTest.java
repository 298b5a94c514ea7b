package com.meterledger.core.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Manual corrections: at once within the approval limit, else a second person decides, never the requester. */
class FourEyesTest {

    @Test
    void aCorrectionWithinTheLimitEitherWayAppliesAtOnce() {
        assertThat(FourEyes.onRequest(5_000, 5_000)).isEqualTo(FourEyes.Verdict.APPLY_AT_ONCE);
        assertThat(FourEyes.onRequest(-5_000, 5_000)).isEqualTo(FourEyes.Verdict.APPLY_AT_ONCE);
    }

    @Test
    void aCorrectionAboveTheLimitEitherWayWaitsForASecondPerson() {
        assertThat(FourEyes.onRequest(5_001, 5_000)).isEqualTo(FourEyes.Verdict.AWAIT_SECOND_PERSON);
        assertThat(FourEyes.onRequest(-5_001, 5_000)).isEqualTo(FourEyes.Verdict.AWAIT_SECOND_PERSON);
    }

    @Test
    void theRequesterMayNotDecideTheirOwnCorrection() {
        assertThat(FourEyes.refusalOfDecider("finance@a", "finance@a"))
                .hasValueSatisfying(refusal -> assertThat(refusal.rule()).isEqualTo("second-person-required"));
    }

    @Test
    void anotherPersonMayDecide() {
        assertThat(FourEyes.refusalOfDecider("finance@a", "admin@a")).isEmpty();
    }
}
