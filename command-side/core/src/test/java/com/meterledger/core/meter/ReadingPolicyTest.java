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

    private static ReadingPolicy.Verdict judgeWithRollover(String previous, String value, String rolloverAt) {
        return ReadingPolicy.judge(Utility.ELECTRICITY, LAST, new BigDecimal(previous), null,
                LAST.plus(Duration.ofHours(2)), new BigDecimal(value), NOW, new BigDecimal(rolloverAt));
    }

    @Test
    void aDeclaredRolloverTurnsALowerRegisterIntoConsumptionAcrossTheWrap() {
        // 99999.999 wraps to 0: (100000 - 99998.125) + 7.5 = 9.375
        assertThat(judgeWithRollover("99998.125", "7.5", "100000"))
                .isEqualTo(new ReadingPolicy.Accept(new BigDecimal("9.375"), true));
    }

    @Test
    void aRisingRegisterIgnoresTheDeclaredRollover() {
        assertThat(judgeWithRollover("99990", "99999.999", "100000"))
                .isEqualTo(new ReadingPolicy.Accept(new BigDecimal("9.999"), false));
    }

    @Test
    void aWrapIsStillSubjectToThePlausibilityCeiling() {
        // two hours allow 500 kWh; (100000 - 60000) + 1 = 40001
        assertThat(judgeWithRollover("60000", "1", "100000")).isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.IMPLAUSIBLE_JUMP));
    }

    @Test
    void aValueAtOrAboveTheRolloverIsNotAWrap() {
        assertThat(judgeWithRollover("99900", "100000", "100000"))
                .isEqualTo(new ReadingPolicy.Accept(new BigDecimal("100"), false));
        assertThat(judgeWithRollover("99000", "-1", "100000")).isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS));
    }

    @Test
    void withoutADeclarationALowerRegisterGoesBackwards() {
        assertThat(ReadingPolicy.judge(Utility.ELECTRICITY, LAST, new BigDecimal("99998.125"), null,
                LAST.plus(Duration.ofHours(2)), new BigDecimal("7.5"), NOW, null))
                .isInstanceOfSatisfying(ReadingPolicy.Reject.class,
                        reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.REGISTER_WENT_BACKWARDS));
    }

    @Test
    void consumptionAcrossTheWrapIsExact() {
        assertThat(ReadingPolicy.acrossRollover(new BigDecimal("9999.99"), new BigDecimal("0.01"),
                new BigDecimal("10000"))).isEqualByComparingTo("0.02");
    }
}
