package com.meterledger.core.account;

import com.meterledger.api.account.Thresholds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which levels a balance change crosses: each fires once on the way down, reconnect once on the way up. */
class ThresholdCrossingsTest {
    private static final Thresholds LEVELS = new Thresholds(2_000, 500, 0, 100);

    @Test
    void aChargeThatFallsThroughTheFirstWarningFiresItAlone() {
        assertThat(ThresholdCrossings.of(2_500, 1_999, LEVELS, false))
                .isEqualTo(new ThresholdCrossings(true, false, false, false));
    }

    @Test
    void aBalanceThatLandsExactlyOnALevelHasCrossedIt() {
        assertThat(ThresholdCrossings.of(600, 500, LEVELS, false).secondWarning()).isTrue();
        assertThat(ThresholdCrossings.of(1, 0, LEVELS, false).cutOff()).isTrue();
    }

    @Test
    void aLaterChargeBelowALevelDoesNotFireItAgain() {
        assertThat(ThresholdCrossings.of(400, 300, LEVELS, false))
                .isEqualTo(new ThresholdCrossings(false, false, false, false));
    }

    @Test
    void oneLargeChargeCrossesEveryLevelOnItsWay() {
        assertThat(ThresholdCrossings.of(3_000, -50, LEVELS, false))
                .isEqualTo(new ThresholdCrossings(true, true, true, false));
    }

    @Test
    void reconnectFiresOnlyForADepletedAccountThatReachesItsLevel() {
        assertThat(ThresholdCrossings.of(-200, 100, LEVELS, true).reconnect()).isTrue();
        assertThat(ThresholdCrossings.of(-200, 99, LEVELS, true).reconnect()).isFalse();
        assertThat(ThresholdCrossings.of(50, 5_000, LEVELS, false).reconnect()).isFalse();
    }
}
