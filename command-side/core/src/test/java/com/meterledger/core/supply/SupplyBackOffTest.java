package com.meterledger.core.supply;

import com.meterledger.api.supply.SupplyAction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reconciler's wait after abandoned commands: one minute, doubling, six hours at most. */
class SupplyBackOffTest {
    private static final SupplyTiming TIMING = new SupplyTiming(Duration.ofSeconds(30), 3, Duration.ofMinutes(1),
            Duration.ofHours(6));
    private static final Instant NOON = Instant.parse("2026-01-05T12:00:00Z");

    @Test
    void theWaitDoublesWithEachAbandonmentInARowUpToItsCap() {
        assertThat(TIMING.backOffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(TIMING.backOffAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(TIMING.backOffAfter(9)).isEqualTo(Duration.ofMinutes(256));
        assertThat(TIMING.backOffAfter(10)).isEqualTo(Duration.ofHours(6));
        assertThat(TIMING.backOffAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aMeterWithoutAbandonedCommandsIsNotBackedOff() {
        assertThat(SupplyBackOff.judge(null, SupplyAction.CUT, NOON)).isEqualTo(SupplyBackOff.Verdict.ISSUE_NOT_BACKING_OFF);
    }

    @Test
    void theSameActionWaitsUntilTheBackOffEndsThenIsIssuedOnceMore() {
        SupplyBackOff first = SupplyBackOff.afterAbandoned(null, SupplyAction.CUT, NOON, TIMING);
        assertThat(first).isEqualTo(new SupplyBackOff(SupplyAction.CUT, 1, NOON.plusSeconds(60)));

        assertThat(SupplyBackOff.judge(first, SupplyAction.CUT, NOON.plusSeconds(59))).isEqualTo(SupplyBackOff.Verdict.WAIT);
        assertThat(SupplyBackOff.judge(first, SupplyAction.CUT, NOON.plusSeconds(60)))
                .isEqualTo(SupplyBackOff.Verdict.ISSUE_WAIT_OVER);

        SupplyBackOff second = SupplyBackOff.afterAbandoned(first, SupplyAction.CUT, NOON.plusSeconds(150), TIMING);
        assertThat(second).isEqualTo(new SupplyBackOff(SupplyAction.CUT, 2, NOON.plusSeconds(150 + 120)));
    }

    @Test
    void theOtherActionIsANewQuestionIssuedAtOnceAndItsOwnAbandonmentStartsCountingAgain() {
        SupplyBackOff cuts = new SupplyBackOff(SupplyAction.CUT, 7, NOON.plus(Duration.ofHours(1)));

        assertThat(SupplyBackOff.judge(cuts, SupplyAction.RESTORE, NOON))
                .isEqualTo(SupplyBackOff.Verdict.ISSUE_INTENT_CHANGED);
        assertThat(SupplyBackOff.afterAbandoned(cuts, SupplyAction.RESTORE, NOON, TIMING))
                .isEqualTo(new SupplyBackOff(SupplyAction.RESTORE, 1, NOON.plusSeconds(60)));
    }

    @Test
    void onlyAnIssuingVerdictIssues() {
        assertThat(SupplyBackOff.Verdict.values()).filteredOn(SupplyBackOff.Verdict::issues)
                .containsExactly(SupplyBackOff.Verdict.ISSUE_NOT_BACKING_OFF, SupplyBackOff.Verdict.ISSUE_INTENT_CHANGED,
                        SupplyBackOff.Verdict.ISSUE_WAIT_OVER);
    }

    @Test
    void aBackOffFollowsAnAbandonmentAndItsSettingsArePositiveWithACapNotBelowTheStart() {
        assertThatThrownBy(() -> new SupplyBackOff(SupplyAction.CUT, 0, NOON))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SupplyTiming(Duration.ofSeconds(30), 3, Duration.ZERO, Duration.ofHours(6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SupplyTiming(Duration.ofSeconds(30), 3, Duration.ofHours(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SupplyTiming(Duration.ofSeconds(30), 3).backOffAfter(1))
                .isEqualTo(SupplyTiming.DEFAULT_RETRY_BACK_OFF);
    }
}
