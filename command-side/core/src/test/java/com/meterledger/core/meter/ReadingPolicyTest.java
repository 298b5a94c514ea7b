package com.meterledger.core.meter;

import com.meterledger.api.meter.RejectionReason;
import com.meterledger.api.shared.Utility;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingPolicyTest {
    private static final Instant LAST = Instant.parse("2026-03-01T10:00:00Z");
    private static final BigDecimal LAST_VALUE = new BigDecimal("500.000");
    private static final Instant NOW = LAST.plus(Duration.ofDays(1));

    private static ReadingPolicy.Verdict judge(Instant at, String value, BigDecimal knownAt) {
        return ReadingPolicy.judge(Utility.ELECTRICITY, LAST, LAST_VALUE, knownAt, at, new BigDecimal(value), NOW);
    }

    @Test
    void consumptionIsTheRegisterDelta() {
        assertThat(judge(LAST.plus(Duration.ofHours(2)), "512.250", null))
                .isEqualTo(new ReadingPolicy.Accept(new BigDecimal("12.250")));
    }

    @Test
    void theSameValueAtTheSameMomentIsADuplicate() {
        assertThat(judge(LAST, "500", LAST_VALUE)).isInstanceOf(ReadingPolicy.Duplicate.class);
    }

    @Test
    void aDifferentValueAtAnAlreadyReadMomentIsRejectedAsOutOfOrder() {
        assertThat(judge(LAST, "501", LAST_VALUE)).isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.OUT_OF_ORDER));
    }

    @Test
    void aReadingOlderThanTheLastIsRejectedAsOutOfOrder() {
        assertThat(judge(LAST.minusSeconds(1), "501", null)).isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.OUT_OF_ORDER));
    }

    @Test
    void aRegisterBelowTheLastIsRejectedAsGoingBackwards() {
        assertThat(judge(LAST.plusSeconds(60), "499.999", null)).isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS));
    }

    @Test
    void moreThanTheSupplyCanDrawInTheElapsedTimeIsAnImplausibleJump() {
        // two hours at most 250 kWh/h is 500 kWh
        assertThat(judge(LAST.plus(Duration.ofHours(2)), "1000.000", null))
                .isInstanceOf(ReadingPolicy.Accept.class);
        assertThat(judge(LAST.plus(Duration.ofHours(2)), "1000.001", null))
                .isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                        reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.IMPLAUSIBLE_JUMP));
    }

    @Test
    void aReadingTooFarAheadOfOurClockIsRejected() {
        assertThat(judge(NOW.plus(Duration.ofMinutes(6)), "501", null))
                .isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                        reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.FROM_THE_FUTURE));
        assertThat(judge(NOW.plus(Duration.ofMinutes(4)), "501", null)).isInstanceOf(ReadingPolicy.Accept.class);
    }

    @Test
    void aMetersFirstReadingIsAcceptedWithoutConsumption() {
        assertThat(ReadingPolicy.judge(Utility.WATER, null, null, null, LAST, new BigDecimal("42.5"), NOW))
                .isEqualTo(new ReadingPolicy.Accept(BigDecimal.ZERO));
    }
}
